import Foundation
import OpenBadges

/// What one host's robots.txt allows this crawler to fetch, as RFC 9309 says.
///
/// Built from the group that matches the crawler's product token (all matching groups combined,
/// section 2.2.1), or else from the `*` group(s); a file with neither allows everything. Matching
/// follows section 2.2.2: the rule with the longest pattern wins, `Allow` wins a tie, `*` matches any
/// run of characters, a trailing `$` anchors the end, and percent-encodings are normalised on both
/// sides before comparing. `/robots.txt` itself is always allowed.
public struct RobotsPolicy: Sendable, Hashable, Codable {
    /// One `Allow` or `Disallow` line of the applicable group.
    public struct Rule: Sendable, Hashable, Codable {
        /// True for `Allow`, false for `Disallow`.
        public var allows: Bool
        /// The path pattern, percent-encoding normalised.
        public var pattern: String

        /// Creates a rule, normalising the pattern's percent-encoding.
        public init(allows: Bool, pattern: String) {
            self.allows = allows
            self.pattern = RobotsPolicy.normalisedPath(pattern)
        }
    }

    /// The rules of the applicable group, in file order.
    public var rules: [Rule]
    /// `Crawl-delay` of the applicable group in seconds (a common extension, not in RFC 9309), unclamped.
    public var crawlDelay: Double?
    /// `Sitemap:` lines, resolved against the robots.txt URL; they apply to the whole file, not one group.
    public var sitemaps: [IRI]

    /// Creates a policy from parsed parts.
    public init(rules: [Rule] = [], crawlDelay: Double? = nil, sitemaps: [IRI] = []) {
        self.rules = rules
        self.crawlDelay = crawlDelay
        self.sitemaps = sitemaps
    }

    /// A policy that allows every path (no robots.txt, or one answered with a 4xx: RFC 9309 section 2.3.1.3).
    public static let allowAll = RobotsPolicy()
    /// A policy that allows nothing (RFC 9309 section 2.3.1.4: an unreachable robots.txt means complete disallow).
    public static let disallowAll = RobotsPolicy(rules: [Rule(allows: false, pattern: "/")])

    /// The most bytes of a robots.txt that are parsed; RFC 9309 section 2.5 requires at least 500 KiB.
    public static let maxParsedBytes = 512 * 1024

    /// Parses a robots.txt body for the crawler whose product token is `productToken` (e.g. `endorse`).
    /// Never fails: unknown or malformed lines are ignored, as section 2.2 asks.
    /// - Parameters:
    ///   - body: the file's bytes; only the first ``maxParsedBytes`` are read.
    ///   - productToken: the crawler's name, matched case-insensitively against `User-agent` lines.
    ///   - base: the robots.txt URL, to resolve relative `Sitemap:` lines.
    public init(parsing body: [UInt8], productToken: String, base: IRI? = nil) {
        let text = String(decoding: body.prefix(Self.maxParsedBytes), as: UTF8.self)
        let token = productToken.lowercased()
        var groups: [(agents: [String], rules: [Rule], delay: Double?)] = []
        var sitemaps: [IRI] = []
        var lastWasAgent = false
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "\u{FEFF}", with: "")
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent", "useragent", "user agent":
                if !lastWasAgent || groups.isEmpty { groups.append(([], [], nil)) }
                groups[groups.count - 1].agents.append(Self.agentToken(value))
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                // Rules before any user-agent line belong to no group; an empty pattern is no rule.
                guard !groups.isEmpty, !value.isEmpty else { continue }
                groups[groups.count - 1].rules.append(Rule(allows: key == "allow", pattern: value))
            case "crawl-delay":
                lastWasAgent = false
                guard !groups.isEmpty, let seconds = Double(value), seconds.isFinite, seconds >= 0 else { continue }
                groups[groups.count - 1].delay = seconds
            case "sitemap", "site-map":
                if let resolved = base?.resolving(value) ?? (IRI(value).isFetchable ? IRI(value) : nil), resolved.isFetchable {
                    sitemaps.append(resolved)
                }
            default:
                continue
            }
        }
        var matching = groups.filter { $0.agents.contains(token) }
        if matching.isEmpty { matching = groups.filter { $0.agents.contains("*") } }
        self.init(
            rules: matching.flatMap(\.rules),
            crawlDelay: matching.compactMap(\.delay).max(),
            sitemaps: sitemaps
        )
    }

    /// True when this crawler may fetch `url` (its path and query are matched).
    public func allows(_ url: IRI) -> Bool {
        allows(path: Self.pathAndQuery(of: url))
    }

    /// True when this crawler may fetch a URL with this path (and query), e.g. `/a/b?c=d`.
    public func allows(path: String) -> Bool {
        let normalised = Self.normalisedPath(path.isEmpty ? "/" : path)
        if normalised == "/robots.txt" { return true }
        var best: (length: Int, allows: Bool)?
        for rule in rules where Self.matches(pattern: rule.pattern, path: normalised) {
            let length = rule.pattern.utf8.count
            if let current = best, current.length > length || (current.length == length && current.allows) { continue }
            best = (length, rule.allows)
        }
        return best?.allows ?? true
    }

    /// The product token of a `User-agent` value: up to the first `/` or space, lower-cased.
    static func agentToken(_ value: String) -> String {
        let token = value.prefix { $0 != "/" && $0 != " " && $0 != "\t" }
        return token.lowercased()
    }

    /// The path and query of an http(s) URL as a robots.txt rule is matched against it.
    static func pathAndQuery(of url: IRI) -> String {
        let bytes = url.string.utf8
        var index = bytes.startIndex
        // Skip "scheme://authority".
        var slashes = 0
        while index != bytes.endIndex && slashes < 2 {
            if bytes[index] == UInt8(ascii: "/") { slashes += 1 }
            index = bytes.index(after: index)
        }
        while index != bytes.endIndex, bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: "?"), bytes[index] != UInt8(ascii: "#") {
            index = bytes.index(after: index)
        }
        var end = index
        while end != bytes.endIndex && bytes[end] != UInt8(ascii: "#") { end = bytes.index(after: end) }
        guard index != end else { return "/" }
        let rest = String(decoding: bytes[index..<end], as: UTF8.self)
        return rest.hasPrefix("?") ? "/" + rest : rest
    }
}
