import Foundation

/// An IRI as it identifies an Open Badges object: a badge, a profile, an assertion or an endorsement.
///
/// The value is kept as written (after trimming white space) so that stored ids match what documents say;
/// use ``canonical`` to compare ids that differ only in the ways URLs commonly do (scheme and host case,
/// default port, empty path, fragment). Synthetic keys for objects without an id use the `urn:endorse:` scheme.
public struct IRI: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The IRI text.
    public let string: String

    /// Wraps `string`, trimmed of surrounding white space. No validation: any text is a possible IRI.
    public init(_ string: String) {
        self.string = string.trimmedWhitespace
    }

    /// Wraps a literal, trimmed like ``init(_:)``.
    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }

    /// The IRI text.
    public var description: String { string }

    /// Orders by the text, code unit by code unit.
    public static func < (lhs: IRI, rhs: IRI) -> Bool { lhs.string < rhs.string }

    /// The lower-cased scheme (`https`, `urn`, `did`, ...), or nil when the text has none.
    public var scheme: String? {
        // RFC 3986 section 3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
        let bytes = string.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = bytes[..<colon]
        func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let first = scheme.first, isAlpha(first),
            scheme.allSatisfy({
                isAlpha($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: ".")
            })
        else { return nil }
        return String(decoding: scheme, as: UTF8.self).lowercased()
    }

    /// True for `http` and `https` IRIs with a host: the only ones a crawler may fetch.
    public var isFetchable: Bool {
        guard let scheme, scheme == "http" || scheme == "https" else { return false }
        return host != nil
    }

    /// The lower-cased host of an http(s) IRI, without brackets for IPv6 literals.
    public var host: String? {
        if let simple = simpleHTTPHost { return simple.isEmpty ? nil : simple }
        guard let components = URLComponents(string: string), var host = components.host, !host.isEmpty else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.lowercased()
    }

    /// `scheme://host[:port]` with the default port omitted, for http(s) IRIs; nil otherwise.
    public var origin: String? {
        guard let components = URLComponents(string: string), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if let port = components.port, !(scheme == "http" && port == 80) && !(scheme == "https" && port == 443) {
            return "\(scheme)://\(hostPart):\(port)"
        }
        return "\(scheme)://\(hostPart)"
    }

    /// The IRI normalised for comparison: lower-case scheme and host, default port removed, empty path
    /// made `/`, fragment dropped, dot segments removed. Non-http(s) IRIs are returned unchanged.
    public var canonical: IRI {
        guard var components = URLComponents(string: string), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return self }
        components.scheme = scheme
        components.host = host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
            components.port = nil
        }
        components.fragment = nil
        components.percentEncodedPath = Self.removingDotSegments(components.percentEncodedPath)
        if components.percentEncodedPath.isEmpty { components.percentEncodedPath = "/" }
        return components.string.map { IRI($0) } ?? self
    }

    /// Resolves `reference` (absolute or relative, as found in a document) against this IRI as base,
    /// as RFC 3986 section 5.2 says. Returns nil when the reference cannot be resolved.
    public func resolving(_ reference: String) -> IRI? {
        let trimmed = reference.trimmedWhitespace
        guard !trimmed.isEmpty else { return nil }
        if IRI(trimmed).scheme != nil { return IRI(trimmed) }
        guard let base = URL(string: string), let resolved = URL(string: trimmed, relativeTo: base) else { return nil }
        return IRI(resolved.absoluteString)
    }

    /// The host of a plain ASCII `http(s)://host[:port]/...` IRI read without URLComponents (hot in the
    /// parser); nil when the text needs the full parser (non-ASCII, userinfo, IPv6, escapes, odd characters).
    private var simpleHTTPHost: String? {
        let bytes = string.utf8
        let prefixLength: Int
        if bytes.starts(with: "https://".utf8) {
            prefixLength = 8
        } else if bytes.starts(with: "http://".utf8) {
            prefixLength = 7
        } else {
            return nil
        }
        var host: [UInt8] = []
        var inAuthority = true
        var afterPortColon = false
        for byte in bytes.dropFirst(prefixLength) {
            guard Self.isPlainURLByte(byte) else { return nil }
            if inAuthority {
                switch byte {
                case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): inAuthority = false
                case UInt8(ascii: "@"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "%"): return nil
                case UInt8(ascii: ":"): afterPortColon = true
                default:
                    if afterPortColon {
                        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                    } else {
                        host.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
                    }
                }
            }
        }
        return String(decoding: host, as: UTF8.self)
    }

    /// RFC 3986 unreserved, reserved and `%`: the characters URLComponents accepts unescaped.
    private static func isPlainURLByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~:/?#[]@!$&'()*+,;=%".utf8.contains(byte)
        }
    }

    private static func removingDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            switch segment {
            case ".":
                if index == segments.count - 1 { output.append("") }
            case "..":
                if output.count > 1 { output.removeLast() }
                if index == segments.count - 1 { output.append("") }
            default:
                output.append(segment)
            }
        }
        return output.joined(separator: "/")
    }
}
