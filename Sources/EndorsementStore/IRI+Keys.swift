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
        if let bounds = Self.plainHTTPBounds(string) {
            // Already `https://` and canonical: the IRI is its own key (no copy).
            return bounds.restStart == 8 ? string : "https://" + Self.text(string, from: bounds.restStart, to: nil)
        }
        let canonical = self.canonical.string
        if canonical.hasPrefix("http://") { return "https://" + canonical.dropFirst("http://".count) }
        return canonical
    }

    /// `host[:port]` of an http(s) IRI (default ports dropped, scheme ignored); nil for other IRIs.
    var originKey: String? {
        if let bounds = Self.plainHTTPBounds(string) { return Self.text(string, from: bounds.restStart, to: bounds.hostEnd) }
        guard let origin else { return nil }
        if let range = origin.range(of: "://") { return String(origin[range.upperBound...]) }
        return origin
    }

    /// Fast path for the common case, an http(s) IRI already in canonical form (lower-case scheme and host, no
    /// port, user info, fragment, percent signs or dot segments, a path): the UTF-8 offsets of what follows
    /// `scheme://` and of the end of the host. Anything else returns nil and goes through `IRI.canonical`
    /// (URLComponents, much slower). Reads the bytes once, without building substrings (ingest asks for the keys
    /// and origins of every IRI it stores).
    static func plainHTTPBounds(_ text: String) -> (restStart: Int, hostEnd: Int)? {
        var text = text
        return text.withUTF8 { bytes -> (restStart: Int, hostEnd: Int)? in
            let restStart: Int
            if bytes.starts(with: "https://".utf8) {
                restStart = 8
            } else if bytes.starts(with: "http://".utf8) {
                restStart = 7
            } else {
                return nil
            }
            var index = restStart
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x2F { break }
                guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E else { return nil }
                index += 1
            }
            let hostEnd = index
            guard hostEnd > restStart, hostEnd < bytes.count else { return nil }
            // The path: no fragment, percent sign, space, control or non-ASCII byte, no `.` or `..` segment.
            var segmentLength = 0
            var dotsOnly = true
            for byte in bytes[hostEnd...] {
                if byte == 0x23 || byte == 0x25 || byte <= 0x20 || byte >= 0x7F { return nil }
                if byte == 0x2F {
                    if segmentLength > 0 && segmentLength <= 2 && dotsOnly { return nil }
                    segmentLength = 0
                    dotsOnly = true
                } else {
                    segmentLength += 1
                    if byte != 0x2E { dotsOnly = false }
                }
            }
            if segmentLength > 0 && segmentLength <= 2 && dotsOnly { return nil }
            return (restStart, hostEnd)
        }
    }

    /// The text between two UTF-8 offsets of an ASCII prefix of `text` (`to` nil: to the end).
    fileprivate static func text(_ text: String, from start: Int, to end: Int?) -> String {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = end.map { utf8.index(utf8.startIndex, offsetBy: $0) } ?? utf8.endIndex
        return String(text[lower..<upper])
    }
}

extension String {
    /// The origin key of a stored match key (see `IRI.originKey`).
    var originOfKey: String? {
        if let bounds = IRI.plainHTTPBounds(self) { return IRI.text(self, from: bounds.restStart, to: bounds.hostEnd) }
        return IRI(self).originKey
    }
}
