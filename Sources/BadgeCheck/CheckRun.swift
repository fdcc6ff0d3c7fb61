import BadgeImages
import Crawler
import CurlHTTP
import EndorsementStore
import Foundation
import OpenBadges
import Verification

/// The state of one check, step by step: read, decode, resolve, verify, then gather endorsements and answer.
struct CheckRun {
    let checker: BadgeChecker
    let log: FetchLog
    let recipient: String?

    var input = CheckedInput(kind: "unknown", payload: "unknown")
    /// The credential as handed over (or fetched from the link given): JSON or a compact JWS.
    var credentialBytes: [UInt8] = []
    /// Where the credential was fetched from, when it was.
    var credentialURL: IRI?
    /// Set when reading already decided (a hosted URL that answers 410, or cannot be fetched).
    var earlyReport: CheckReport?
    /// Things worth saying that are no reason for the verdict.
    var notes: [String] = []

    var method = ProofMethod.none
    /// The credential's JSON (a JWS's payload, or the `vc` claim of a VC-JWT 1.1).
    var credential: JSONValue = .null
    var parsed: ParsedDocument?
    var award = AwardFacts()
    var badgeID: IRI?
    var issuerID: IRI?
    var hosted: Fact<HostedState>?
    var hostedCopy: JSONValue?
    var signature: VerificationReport?
    var validity = Fact<ValidityState>(.current)
    var reasons: [(verdict: CheckVerdict, text: String)] = []
    /// Reports of the signed endorsements verified so far, by signed copy: each is verified once per check.
    var endorsementReports: [String: VerificationReport] = [:]

    /// Verification that fetches what it needs through this check's log (each URL once, recorded).
    var live: LiveVerification {
        let log = log
        return LiveVerification(verifier: checker.verifier) { await log.fetch($0, role: "key").keySourceAnswer }
    }

    init(checker: BadgeChecker, log: FetchLog, recipient: String?) {
        self.checker = checker
        self.log = log
        self.recipient = recipient
    }

    // MARK: - Read

    /// Takes the credential out of the input: fetches a link, unbakes an image, fetches a baked URL.
    mutating func read(_ given: CheckInput) async throws(CheckError) {
        var bytes: [UInt8]
        switch given {
        case .bytes(let data):
            bytes = data
        case .url(let url):
            guard url.isFetchable else { throw CheckError(.unrecognizedInput, "\(url) is not an http(s) URL") }
            input = CheckedInput(kind: "url", url: url, payload: "url")
            switch await log.fetch(url, role: "input") {
            case .failed(let reason): throw CheckError(.fetchFailed, "cannot fetch \(url): \(reason)")
            case .answer(_, 410, _, _):
                return early(hosted: Fact(.revoked, "\(url) answers 410 Gone: the issuer revoked it"))
            case .answer(_, let status, _, _) where !(200..<300).contains(status):
                throw CheckError(.fetchFailed, "\(url) answers HTTP \(status)")
            case .answer(_, _, _, let body):
                bytes = body
                credentialURL = url
            }
        }
        guard bytes.count <= checker.limits.maxInputBytes else {
            throw CheckError(.tooLarge, "the input is \(bytes.count) bytes, over the \(checker.limits.maxInputBytes)-byte limit")
        }
        let sniffed = BakedBadge.sniff(bytes)
        if input.kind != "url" { input.kind = sniffed == .jws ? "jwt" : sniffed.rawValue }
        switch sniffed {
        case .json, .jws:
            input.payload = sniffed == .jws ? "jwt" : "json"
            credentialBytes = bytes
        case .png, .svg:
            let unbaked: UnbakedPayload
            do { unbaked = try BakedBadge.unbake(bytes) } catch { throw CheckError(error) }
            if input.kind == "url" { input.kind = sniffed.rawValue }
            input.bakedIn = unbaked.source.description
            input.standard = unbaked.standard.pngKeyword
            input.warnings = unbaked.warnings.map(\.description)
            try await take(unbaked)
        case .unknown:
            throw CheckError(
                .unrecognizedInput, "the input is neither a badge image (PNG, SVG) nor a credential (a JSON object or a compact JWS)")
        }
    }

    /// The payload of an image: a JSON or a JWS is the credential; a URL is fetched (a hosted assertion), with the
    /// copy an SVG carries beside it as fallback.
    private mutating func take(_ unbaked: UnbakedPayload) async throws(CheckError) {
        switch unbaked.kind {
        case .json(let text):
            input.payload = "json"
            credentialBytes = Array(text.utf8)
        case .jwt(let text):
            input.payload = "jwt"
            credentialBytes = Array(text.utf8)
        case .url(let text):
            input.payload = "url"
            let url = IRI(text)
            guard url.isFetchable else { throw CheckError(.unrecognizedInput, "the image's payload \(text) is not an http(s) URL") }
            let outcome = await log.fetch(url, role: "assertion")
            if case .answer(_, let status, _, let body) = outcome, (200..<300).contains(status) {
                credentialBytes = body
                credentialURL = url
                return
            }
            if let copy = unbaked.embeddedCopy, case .json(let text) = copy {
                notes.append("the hosted copy at \(url) could not be had; the copy the image carries was read instead")
                credentialBytes = Array(text.utf8)
                return
            }
            switch outcome {
            case .answer(_, 410, _, _): early(hosted: Fact(.revoked, "\(url) answers 410 Gone: the issuer revoked it"))
            case .answer(_, let status, _, _) where (400..<500).contains(status):
                early(hosted: Fact(.notHosted, "\(url) answers HTTP \(status): the issuer does not host this assertion"))
            case .answer(_, let status, _, _): early(hosted: Fact(.unavailable, "\(url) answers HTTP \(status)"))
            case .failed(let reason): early(hosted: Fact(.unavailable, "the hosted assertion \(url) could not be fetched: \(reason)"))
            }
        }
    }

    private mutating func early(hosted fact: Fact<HostedState>) {
        method = .hosted
        hosted = fact
        reasons.append((fact.state == .unavailable ? .couldNotCheck : .notValid, fact.detail ?? fact.state.rawValue))
        earlyReport = CheckReport(verdict: .notValid, summary: "", reasons: [], input: input, method: .hosted, award: award, hosted: fact)
    }

    // MARK: - Decode

    /// Reads the credential's JSON and the objects it holds; says how it is proven.
    mutating func decode() throws(CheckError) {
        let isToken = BakedBadge.sniff(credentialBytes) == .jws
        if isToken {
            guard let parts = CompactJWSParts(bytes: credentialBytes), parts.usesTokenAlphabet,
                let payloadBytes = Base64URL.decode(parts.bytes[parts.payload]),
                let payload = try? JSONValue.parse(bytes: payloadBytes), payload.isObject
            else {
                throw CheckError(.notACredential, "the token is not a compact JWS whose payload is a JSON object")
            }
            if payload["vc"]?.isObject == true {
                credential = payload["vc"] ?? payload
                method = .vcJWT
            } else {
                credential = payload
                method = payload["recipient"] != nil && payload["@context"].map(Self.isVC) != true ? .ob2Signed : .vcJWT
            }
        } else {
            do { credential = try JSONValue.parse(bytes: credentialBytes) } catch {
                throw CheckError(.notACredential, "the document is not JSON endorse can read: \(error.reason)")
            }
            guard credential.isObject else { throw CheckError(.notACredential, "the document is not a JSON object") }
            method = credential["proof"] != nil ? .embeddedProof : HostedVerification.isHosted(credential) ? .hosted : .none
        }
        let base = credentialURL ?? HostedVerification.hostedURL(credential) ?? IRI("urn:endorse:check")
        let document: ParsedDocument
        do {
            document = try checker.parser.parse(credentialBytes, url: base, contentType: isToken ? "application/jwt" : "application/json")
        } catch {
            throw CheckError(.notACredential, "cannot read the credential: \(error.reason)")
        }
        guard document.rootKind == .assertion, let assertion = document.assertions.first(where: { $0.id == document.rootID }) ?? document.assertions.first
        else {
            let what = document.rootKind.map { "an Open Badges \($0.rawValue)" } ?? "no Open Badges assertion or credential"
            throw CheckError(
                .notACredential,
                "this is \(what), not a badge awarded to someone\(document.rootKind == .endorsement ? "; `endorse verify` checks an endorsement" : "")")
        }
        parsed = document
        award = AwardFacts(id: assertion.id, version: assertion.version, issuedOn: assertion.issuedOn, expires: assertion.expires, name: assertion.name)
        badgeID = assertion.badge
        issuerID = assertion.issuer ?? document.badges.first(where: { $0.id == assertion.badge })?.issuer
        if assertion.revoked { reasons.append((.notValid, "the credential says it is revoked")) }
    }

    private static func isVC(_ context: JSONValue) -> Bool {
        context.values.contains { $0.string?.contains("www.w3.org/") == true && $0.string?.contains("credentials") == true }
            || context.string?.contains("credentials") == true
    }

    // MARK: - Resolve

    /// Fetches the badge class and issuer when the credential does not embed them (or the index lacks them), then
    /// the endorsements both list by IRI.
    mutating func resolve() async {
        if let badgeID, badgeID.isFetchable, needsFetch(badgeID, embedded: parsed?.badges.contains { $0.id == badgeID && $0.name != nil } ?? false) {
            if case .failed(let reason) = await log.fetch(badgeID, role: "badge") {
                reasons.append((.couldNotCheck, "the badge class \(badgeID) could not be fetched: \(reason)"))
            }
        }
        if issuerID == nil { issuerID = await allDocuments().lazy.flatMap(\.badges).first { $0.id == badgeID }?.issuer }
        if let issuerID, issuerID.isFetchable,
            needsFetch(issuerID, embedded: parsed?.profiles.contains { $0.id == issuerID && $0.name != nil } ?? false)
        {
            _ = await log.fetch(issuerID, role: "issuer")
        }
        let documents = await allDocuments()
        let embeddedKeys = Set(documents.flatMap(\.endorsements).map { $0.key.canonical })
        let listed =
            (documents.flatMap(\.badges).filter { $0.id == badgeID }.flatMap(\.endorsements)
            + documents.flatMap(\.profiles).filter { $0.id == issuerID }.flatMap(\.endorsements))
            .filter { $0.isFetchable && !embeddedKeys.contains($0.canonical) }
        var seen = Set<IRI>()
        let wanted = listed.filter { seen.insert($0.canonical).inserted }.prefix(checker.limits.maxListedEndorsements)
        let log = log
        await withTaskGroup(of: Void.self) { group in
            for url in wanted { group.addTask { _ = await log.fetch(url, role: "endorsement") } }
        }
        await fetchWhatSignedEndorsementsNeed()
    }

    /// Verifies the signed endorsements of the badge and issuer once, so that the keys, DID documents and lists
    /// they need are fetched (and linked with them, in the index or the scratch index).
    private mutating func fetchWhatSignedEndorsementsNeed() async {
        let subjects = Set([badgeID, issuerID].compactMap { $0?.canonical })
        let copies = await allDocuments().flatMap(\.endorsements)
            .filter { $0.subject.map { subjects.contains($0.canonical) } ?? false }
            .compactMap { $0.jwt ?? $0.proofDocument }
        await verifyEndorsements(copies)
    }

    /// Verifies the signed copies not verified yet (at most ``CheckLimits/maxListedEndorsements`` at once), keeping
    /// their reports in ``endorsementReports``.
    mutating func verifyEndorsements(_ copies: [String]) async {
        let pending = Array(Set(copies).filter { endorsementReports[$0] == nil }.prefix(checker.limits.maxListedEndorsements))
        let live = live
        let reports = await withTaskGroup(of: (String, VerificationReport).self) { group in
            for copy in pending { group.addTask { (copy, await live.verify(signedCopy: copy).report) } }
            var reports: [(String, VerificationReport)] = []
            for await report in group { reports.append(report) }
            return reports
        }
        for (copy, report) in reports { endorsementReports[copy] = report }
    }

    /// True when an object must be fetched: not embedded with its name, or not yet in the index.
    private func needsFetch(_ id: IRI, embedded: Bool) -> Bool {
        guard embedded, let store = checker.store else { return true }
        return (try? store.document(id: id)) == nil
    }

    /// The credential's parse and every document fetched so far.
    func allDocuments() async -> [ParsedDocument] {
        (parsed.map { [$0] } ?? []) + (await log.parsedDocuments())
    }

    /// The issuer profile's JSON: as fetched, else as the credential embeds it.
    private func issuerJSON() async -> JSONValue? {
        guard let issuerID else { return nil }
        for item in await log.items where item.fetch.url.canonical == issuerID.canonical && item.parsed != nil {
            return try? JSONValue.parse(bytes: item.fetch.body)
        }
        for candidate in [credential["issuer"], credential["badge"]?["issuer"], credential["credentialSubject"]?["achievement"]?["creator"]] {
            if let candidate, candidate.isObject, candidate["id"]?.string.map({ IRI($0) == issuerID }) == true { return candidate }
        }
        return nil
    }

    // MARK: - Verify

    /// Verifies the award by its method, its dates and its recipient.
    mutating func verifyAward() async {
        switch method {
        case .ob2Signed, .vcJWT, .embeddedProof:
            let report = await live.verify(bytes: credentialBytes).report
            signature = report
            validity = report.validity
            switch report.outcome {
            case .verified: break
            case .invalid: reasons.append((.notValid, "the signature is INVALID: \(report.summary)"))
            case .couldNotCheck: reasons.append((.couldNotCheck, report.summary))
            case .notVerified:
                // Dates are judged below, on their own.
                if report.validity.state == .current { reasons.append((.notValid, report.summary)) }
            }
        case .hosted:
            guard let url = HostedVerification.hostedURL(credential) else {
                reasons.append((.notValid, "a hosted assertion needs an http(s) id to be fetched from; this one has none"))
                break
            }
            let outcome = await log.fetch(url, role: "assertion")
            let profile = await issuerJSON()
            var (fact, copy) = HostedVerification.fact(url: url, outcome: outcome, candidate: credential, issuerID: issuerID, issuerProfile: profile)
            if fact.state == .originNotAllowed, profile == nil {
                fact = Fact(.unavailable, "the issuer's profile could not be had to see which origins it allows: \(fact.detail ?? "")")
            }
            hosted = fact
            hostedCopy = copy
            validity = checker.verifier.verify(credential: copy ?? credential, source: StaticKeySource()).validity
            switch fact.state {
            case .verified: break
            case .unavailable: reasons.append((.couldNotCheck, fact.detail ?? "the hosted copy could not be had"))
            case .revoked, .notHosted, .differs, .originNotAllowed: reasons.append((.notValid, fact.detail ?? fact.state.rawValue))
            }
        case .none:
            let says = (credential["verification"]?["type"]?.string).map { " (it says \($0), but this copy carries no signature)" } ?? ""
            reasons.append((.notValid, "the credential carries no proof: it is neither hosted by its issuer nor signed\(says)"))
            validity = checker.verifier.verify(credential: credential, source: StaticKeySource()).validity
        }
        switch validity.state {
        case .current: break
        case .expired: reasons.append((.notValid, "expired: \(validity.detail ?? "past its end date")"))
        case .notYetValid: reasons.append((.notValid, "not yet valid: \(validity.detail ?? "before its start date")"))
        }
    }
}
