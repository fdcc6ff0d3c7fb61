import Foundation
import OpenBadges

// The one rule by which the store compares IRIs, in one place.
//
// Ids are compared on `IRI.canonical` with the http scheme folded into https: the same host serves the same
// object whichever scheme a document spelled (the DCV examples declare `http://` ids that others reference as
// `https://`). Origins are compared on host and port only, for the same reason; a non-default port stays part
// of the origin. Non-http(s) IRIs (`urn:uuid:`, `did:`, `urn:endorse:`) compare as written and have no origin.
extension IRI {
    /// The key under which the store files and matches this IRI.
    var matchKey: String {
        if let (rest, _) = Self.plainHTTP(string) { return "https://" + rest }
        let canonical = self.canonical.string
        if canonical.hasPrefix("http://") { return "https://" + canonical.dropFirst("http://".count) }
        return canonical
    }

    /// `host[:port]` of an http(s) IRI (default ports dropped, scheme ignored); nil for other IRIs.
    var originKey: String? {
        if let (_, host) = Self.plainHTTP(string) { return host }
        guard let origin else { return nil }
        if let range = origin.range(of: "://") { return String(origin[range.upperBound...]) }
        return origin
    }

    /// Fast path for the common case, an http(s) IRI already in canonical form (lower-case scheme and host, no
    /// port, user info, fragment, percent signs or dot segments, a path): returns what follows `scheme://` and the
    /// host. Anything else returns nil and goes through `IRI.canonical` (URLComponents, much slower).
    static func plainHTTP(_ text: String) -> (rest: Substring, host: String)? {
        let rest: Substring
        if text.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if text.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return nil
        }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let host = rest[..<slash]
        guard !host.isEmpty, host.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E })
        else { return nil }
        let path = rest[slash...]
        guard !path.utf8.contains(where: { $0 == 0x23 || $0 == 0x25 || $0 <= 0x20 || $0 >= 0x7F }), !hasDotSegment(path.utf8)
        else { return nil }
        return (rest, String(host))
    }

    /// True when a path has a `.` or `..` segment (byte by byte: `String.contains` on Linux goes through Foundation).
    private static func hasDotSegment(_ path: Substring.UTF8View) -> Bool {
        var segmentLength = 0
        var dotsOnly = true
        for byte in path {
            if byte == 0x2F {
                if segmentLength > 0 && segmentLength <= 2 && dotsOnly { return true }
                segmentLength = 0
                dotsOnly = true
            } else {
                segmentLength += 1
                if byte != 0x2E { dotsOnly = false }
            }
        }
        return segmentLength > 0 && segmentLength <= 2 && dotsOnly
    }
}

extension String {
    /// The origin key of a stored match key (see `IRI.originKey`).
    var originOfKey: String? {
        if let (_, host) = IRI.plainHTTP(self) { return host }
        return IRI(self).originKey
    }
}
