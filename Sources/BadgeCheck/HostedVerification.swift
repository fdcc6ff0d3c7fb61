import Foundation
import OpenBadges
import Verification

/// Open Badges 2.0 hosted verification ("Hosted Verification" in the 2.0 specification; OB 1.x `verify.type`
/// `hosted` likewise): the assertion is fetched again from its own id, which must be on an origin the issuer
/// allows, and the copy there is the authority. Pure: the caller fetches.
enum HostedVerification {
    /// True when the assertion declares hosted verification (`verification.type` `hosted` / `HostedBadge`, or
    /// OB 1.x `verify.type` `hosted`).
    static func isHosted(_ assertion: JSONValue) -> Bool {
        let type = (assertion["verification"]?["type"] ?? assertion["verify"]?["type"])?.string?.lowercased()
        return type == "hosted" || type == "hostedbadge"
    }

    /// The URL the assertion is hosted at: its `id`, or the OB 1.0 `verify.url`.
    static func hostedURL(_ assertion: JSONValue) -> IRI? {
        let url = IRI(assertion["id"]?.string ?? assertion["verify"]?["url"]?.string ?? "")
        return url.isFetchable ? url : nil
    }

    /// Whether the issuer allows an assertion at `url`: the `verification` object of its profile lists
    /// `allowedOrigins` (hosts, optionally with a port) or `startsWith` (URL prefixes); without either, the
    /// assertion must be on the origin of the profile's id. http and https count as one origin (the index folds
    /// them too). Nil when allowed, else why not.
    static func originProblem(of url: IRI, issuerID: IRI?, issuerProfile: JSONValue?) -> String? {
        let policy = issuerProfile?["verification"]
        let allowed = policy?["allowedOrigins"]?.strings ?? policy?["allowedOrigins"]?.string.map { [$0] } ?? []
        let prefixes = policy?["startsWith"]?.strings ?? policy?["startsWith"]?.string.map { [$0] } ?? []
        let host = hostAndPort(url)
        if !allowed.isEmpty || !prefixes.isEmpty {
            if allowed.contains(where: { hostAndPort(IRI($0.contains("://") ? $0 : "https://" + $0)) == host }) { return nil }
            if prefixes.contains(where: { url.string.hasPrefix($0) }) { return nil }
            return "the issuer allows assertions only at \((allowed + prefixes).joined(separator: ", ")); this one is at \(url)"
        }
        guard let issuerID, let issuerHost = hostAndPort(issuerID) else {
            return "the issuer's profile id is not an http(s) URL, so no origin vouches for \(url)"
        }
        return issuerHost == host ? nil : "the assertion is hosted at \(host ?? url.string), not on the issuer's origin \(issuerHost)"
    }

    /// Compares the hosted copy with the copy handed over: same id, badge and recipient. Nil when they agree.
    static func difference(hosted: JSONValue, candidate: JSONValue) -> String? {
        func id(_ value: JSONValue?) -> String? { (value?.string ?? value?["id"]?.string).map { IRI($0).canonical.string } }
        if let hostedID = id(hosted["id"]), let candidateID = id(candidate["id"]), hostedID != candidateID {
            return "the hosted copy's id is \(hostedID), not \(candidateID)"
        }
        if id(hosted["badge"]) != id(candidate["badge"]) {
            return "the hosted copy awards \(id(hosted["badge"]) ?? "no badge"), the copy handed over \(id(candidate["badge"]) ?? "no badge")"
        }
        if hosted["recipient"]?["identity"] != candidate["recipient"]?["identity"] {
            return "the hosted copy names another recipient than the copy handed over"
        }
        return nil
    }

    /// The hosted fact from what fetching the assertion's URL gave.
    static func fact(
        url: IRI, outcome: FetchLog.Outcome, candidate: JSONValue, issuerID: IRI?, issuerProfile: JSONValue?
    ) -> (fact: Fact<HostedState>, hostedCopy: JSONValue?) {
        switch outcome {
        case .failed(let reason):
            return (Fact(.unavailable, "the hosted assertion \(url) could not be fetched: \(reason)"), nil)
        case .answer(_, 410, _, _):
            return (Fact(.revoked, "\(url) answers 410 Gone: the issuer revoked it"), nil)
        case .answer(_, let status, _, _) where (500..<600).contains(status):
            return (Fact(.unavailable, "\(url) answers HTTP \(status)"), nil)
        case .answer(_, let status, _, _) where !(200..<300).contains(status):
            return (Fact(.notHosted, "\(url) answers HTTP \(status): the issuer does not host this assertion"), nil)
        case .answer(_, _, _, let body):
            guard let hosted = try? JSONValue.parse(bytes: body), hosted.isObject else {
                return (Fact(.notHosted, "\(url) does not answer with the assertion's JSON"), nil)
            }
            if hosted["revoked"] == .bool(true) {
                let reason = hosted["revocationReason"]?.string.map { ": \($0)" } ?? ""
                return (Fact(.revoked, "the hosted copy at \(url) says it is revoked\(reason)"), hosted)
            }
            if let problem = difference(hosted: hosted, candidate: candidate) { return (Fact(.differs, problem), hosted) }
            if let problem = originProblem(of: url, issuerID: issuerID, issuerProfile: issuerProfile) {
                return (Fact(.originNotAllowed, problem), hosted)
            }
            return (Fact(.verified, "hosted by the issuer at \(url)"), hosted)
        }
    }

    private static func hostAndPort(_ iri: IRI) -> String? {
        guard let origin = iri.origin, let range = origin.range(of: "://") else { return nil }
        return String(origin[range.upperBound...])
    }
}
