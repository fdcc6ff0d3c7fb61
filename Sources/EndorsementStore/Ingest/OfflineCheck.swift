import Foundation
import OpenBadges
import Verification

/// A signed copy checked before the write transaction, from the token alone.
///
/// The crawl parses documents in parallel tasks but links them in one writer; checking signatures in the writer
/// serialised them behind the database. A check that asked its key source for nothing (the key and its binding
/// came from the token: a `did:key` issuer, a key in the header, no status list) cannot depend on what the index
/// holds, so the task that parsed the document makes it and the linker takes the result instead of checking again.
/// A check that needed any document is not kept: the linker runs it against the index as before.
public struct OfflineCheck: Sendable, Hashable {
    /// ``SignedToken/digest(of:)`` of the token checked.
    public let digest: String
    /// The report as stored in `endorsement.facts`.
    public let factsJSON: String?
    /// The report's outcome.
    public let outcome: VerificationOutcome
}

extension OfflineCheck {
    /// Checks every signed endorsement `parsed` carries whose check needs no other document; the others are left
    /// to the linker. Costs one signature check per token; safe in parallel tasks (it reads nothing but `parsed`).
    public static func checks(of parsed: ParsedDocument, now: Date = Date()) -> [OfflineCheck] {
        var seen: Set<String> = []
        var checks: [OfflineCheck] = []
        for token in parsed.endorsements.compactMap({ $0.jwt ?? $0.proofDocument }) where seen.insert(token).inserted {
            let source = AskedNothing()
            let report = Verifier(now: now).verify(signedCopy: token, source: source)
            guard !source.wasAsked, report.needed.isEmpty else { continue }
            checks.append(OfflineCheck(digest: SignedToken.digest(of: token), factsJSON: Linker.factsJSON(report), outcome: report.outcome))
        }
        return checks
    }
}

extension Linker {
    /// Makes the offline checks of `items` available to ``signedCopyFacts(of:token:)``.
    mutating func takeOfflineChecks(of items: [IngestItem]) {
        for item in items {
            for check in item.offlineChecks { offlineChecks[check.digest] = check }
        }
    }
}

/// A key source with no documents that notes whether it was asked for one.
private final class AskedNothing: KeySource {
    private(set) var wasAsked = false

    func answer(for url: IRI) -> KeySourceAnswer {
        wasAsked = true
        return .notFetched
    }
}
