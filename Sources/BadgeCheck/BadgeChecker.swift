import BadgeImages
import Crawler
import CurlHTTP
import EndorsementStore
import Foundation
import OpenBadges
import Verification

/// The employer's check of the badge a candidate hands over: a baked PNG or SVG, a JSON assertion or credential,
/// a compact JWS, or a link to any of them.
///
/// It unbakes the image, fetches what the badge needs live (the hosted assertion, its badge class and issuer, the
/// endorsements they list, keys, DID documents and status lists) with the crawler's fetcher, so that its address
/// policy and limits hold for every link a stranger wrote, verifies the award (hosted verification, OB 2.0 signed,
/// VC-JWT, Data Integrity, revocation, dates), matches the recipient, and gathers the endorsements of the badge and
/// its issuer: those the index found across the web (outside endorsements included) and those the documents carry.
///
/// With `save`, what was fetched is recorded in the index as a crawl records documents; without it the index is
/// only read, and the fetched documents are linked in a scratch index that is thrown away.
public struct BadgeChecker: Sendable {
    public let fetcher: Fetcher
    /// The index to read endorsements from (and record into); nil checks without one.
    public let store: EndorsementStore?
    public var verifier: Verifier
    public var limits: CheckLimits
    public var parser: DocumentParser

    /// Creates a checker over `fetcher` and, optionally, an index.
    public init(fetcher: Fetcher, store: EndorsementStore?, verifier: Verifier = Verifier(), limits: CheckLimits = .default) {
        self.fetcher = fetcher
        self.store = store
        self.verifier = verifier
        self.limits = limits
        parser = DocumentParser()
    }

    /// Checks `input`; `recipient` is an email address to match against the credential's recipient.
    ///
    /// - Throws: ``CheckError`` only when the input cannot be read as a badge at all (not an image, JSON or JWS; an
    ///   image with no payload or a hostile one; a URL that cannot be fetched). A badge that was read and found
    ///   wanting is a report whose verdict says so.
    public func check(_ input: CheckInput, recipient: String? = nil, save: Bool = true) async throws(CheckError) -> CheckReport {
        let log = FetchLog(fetcher: fetcher, parser: parser, limits: limits)
        var run = CheckRun(checker: self, log: log, recipient: recipient?.trimmedWhitespace.nilIfEmpty)
        try await run.read(input)
        if let early = run.earlyReport { return await run.finish(early, save: save) }
        try run.decode()
        await run.resolve()
        await run.verifyAward()
        return await run.finish(nil, save: save)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
