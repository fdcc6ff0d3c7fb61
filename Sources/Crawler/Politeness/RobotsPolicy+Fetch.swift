import OpenBadges

extension RobotsPolicy {
    /// What a fetch of `/robots.txt` means for a host, as RFC 9309 section 2.3.1 says.
    public enum FetchOutcome: Sendable, Hashable {
        /// Use this policy (a 2xx body, or allow-all for a 4xx).
        case policy(RobotsPolicy)
        /// A 3xx: fetch this location next (section 2.3.1.2 asks to follow at least five hops).
        case redirect(IRI)
        /// A 5xx or no response: assume complete disallow for now and retry later (section 2.3.1.4).
        case unavailable(String)
    }

    /// Interprets the answer to a robots.txt request.
    /// - Parameters:
    ///   - status: the HTTP status, nil when the fetch failed before a response.
    ///   - failure: the fetch error message when there was no response.
    public static func outcome(
        status: Int?, body: [UInt8], location: IRI?, url: IRI, productToken: String, failure: String? = nil
    ) -> FetchOutcome {
        guard let status else { return .unavailable(failure ?? "no response") }
        switch status {
        case 200..<300:
            return .policy(RobotsPolicy(parsing: body, productToken: productToken, base: url))
        case 300..<400:
            if let location { return .redirect(location) }
            return .policy(.allowAll)
        case 400..<500:
            return .policy(.allowAll)
        default:
            return .unavailable("HTTP \(status)")
        }
    }

    /// The robots.txt URL of the origin of `url`, nil for a URL that is not http(s).
    public static func location(for url: IRI) -> IRI? {
        url.origin.map { IRI($0 + "/robots.txt") }
    }
}
