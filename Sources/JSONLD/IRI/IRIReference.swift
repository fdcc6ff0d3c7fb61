/// IRI syntax checks and reference resolution for JSON-LD processing, on the UTF-8 of the text.
///
/// Resolution is the basic algorithm of RFC 3986 section 5.2 (5.2.2 transform references, 5.2.3 merge, 5.2.4
/// remove dot segments) with no normalisation, treating the extra characters RFC 3987 allows in IRIs like
/// unreserved ones (RFC 3987 section 6.5), as the JSON-LD 1.1 API requires (section 5.2.2 step 8). Foundation's
/// `URL` is not used: it percent-encodes, normalises and rejects IRIs that JSON-LD must carry through unchanged.
enum IRIReference {
    /// True when `text` begins with a scheme and a colon (RFC 3986 section 3.1: `ALPHA *( ALPHA / DIGIT / "+" /
    /// "-" / "." ) ":"`): the form of an absolute IRI, which JSON-LD calls an IRI.
    static func hasScheme(_ text: String) -> Bool {
        var iterator = text.utf8.makeIterator()
        guard let first = iterator.next(), isAlpha(first) else { return false }
        while let byte = iterator.next() {
            if byte == UInt8(ascii: ":") { return true }
            guard
                isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".")
            else { return false }
        }
        return false
    }

    /// True for a blank node identifier (`_:` followed by a label).
    @inline(__always)
    static func isBlankNode(_ text: String) -> Bool {
        var iterator = text.utf8.makeIterator()
        return iterator.next() == UInt8(ascii: "_") && iterator.next() == UInt8(ascii: ":")
    }

    /// True when `text` is an absolute IRI by the grammar of RFC 3987 section 2.2 (`IRI = scheme ":" ihier-part
    /// [ "?" iquery ] [ "#" ifragment ]`): the "well-formed" test of JSON-LD 1.1 API sections 8.1 and 8.2, which
    /// drops triples with other IRIs (spaces, `<>"{}|\^\``, a second `#`, a stray `%`, brackets outside the host).
    static func isWellFormed(_ text: String) -> Bool {
        guard hasScheme(text) else { return false }
        if let result = text.utf8.withContiguousStorageIfAvailable({ isWellFormed(utf8: $0) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { isWellFormed(utf8: $0) }
    }

    /// ``isWellFormed(_:)`` on the UTF-8 of an IRI known to start with a scheme.
    private static func isWellFormed(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while bytes[index] != UInt8(ascii: ":") { index += 1 }
        index += 1
        // Authority: from "//" to the next "/", "?" or "#"; brackets only around an IP literal host.
        var inAuthority = false
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") {
            index += 2
            inAuthority = true
        }
        var hostDone = false
        var inFragment = false
        var inBrackets = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 {
                // A multi-byte scalar: ucschar or iprivate, that is anything from U+00A0 but noncharacters.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                guard index + length <= bytes.count else { return false }
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length { value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F) }
                if value < 0xA0 || (value >= 0xFDD0 && value <= 0xFDEF) || (value & 0xFFFE) == 0xFFFE { return false }
                index += length
                continue
            }
            switch byte {
            case UInt8(ascii: "/"), UInt8(ascii: "?"):
                if inBrackets { return false }
                inAuthority = false
            case UInt8(ascii: "#"):
                if inFragment || inBrackets { return false }
                inAuthority = false
                inFragment = true
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else { return false }
                index += 2
            case UInt8(ascii: "["):
                guard inAuthority, !hostDone, !inBrackets else { return false }
                inBrackets = true
            case UInt8(ascii: "]"):
                guard inBrackets else { return false }
                inBrackets = false
                hostDone = true
            case UInt8(ascii: "@"):
                break
            default:
                guard isAlpha(byte) || isDigit(byte) || allowedASCII[Int(byte)] else { return false }
            }
            index += 1
        }
        return !inBrackets
    }

    @inline(__always) private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// ASCII punctuation an IRI may hold outside percent-encodings (unreserved, sub-delims, ":").
    private static let allowedASCII: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for byte in "-._~!$&'()*+,;=:".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// True when the IRI ends with one of RFC 3986's gen-delims (`:/?#[]@`): the test for a simple term becoming a
    /// prefix (JSON-LD 1.1 API section 4.2.2 step 14.2.5).
    static func endsWithGenDelim(_ text: String) -> Bool {
        guard let last = text.utf8.last else { return false }
        switch last {
        case UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "@"):
            return true
        default: return false
        }
    }

    // MARK: - Resolution

    /// The five components of RFC 3986 Appendix B (`^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?`).
    struct Components {
        var scheme: Substring?
        var authority: Substring?
        var path: Substring
        var query: Substring?
        var fragment: Substring?
    }

    /// `text` split into its components (RFC 3986 Appendix B); never fails.
    static func split(_ text: String) -> Components {
        let utf8 = text.utf8
        var index = utf8.startIndex
        var scheme: Substring?
        // Scheme: a non-empty run of characters other than ":/?#" followed by ":".
        var probe = index
        while probe < utf8.endIndex {
            let byte = utf8[probe]
            if byte == UInt8(ascii: ":") {
                if probe > index {
                    scheme = text[index..<probe]
                    index = utf8.index(after: probe)
                }
                break
            }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            probe = utf8.index(after: probe)
        }
        var authority: Substring?
        if utf8[index...].starts(with: "//".utf8) {
            let start = utf8.index(index, offsetBy: 2)
            var end = start
            while end < utf8.endIndex {
                let byte = utf8[end]
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
                end = utf8.index(after: end)
            }
            authority = text[start..<end]
            index = end
        }
        var pathEnd = index
        while pathEnd < utf8.endIndex {
            let byte = utf8[pathEnd]
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            pathEnd = utf8.index(after: pathEnd)
        }
        let path = text[index..<pathEnd]
        index = pathEnd
        var query: Substring?
        if index < utf8.endIndex, utf8[index] == UInt8(ascii: "?") {
            let start = utf8.index(after: index)
            var end = start
            while end < utf8.endIndex, utf8[end] != UInt8(ascii: "#") { end = utf8.index(after: end) }
            query = text[start..<end]
            index = end
        }
        var fragment: Substring?
        if index < utf8.endIndex, utf8[index] == UInt8(ascii: "#") {
            fragment = text[utf8.index(after: index)...]
        }
        return Components(scheme: scheme, authority: authority, path: path, query: query, fragment: fragment)
    }

    /// `reference` resolved against the absolute IRI `base` (RFC 3986 section 5.2.2, strict: a reference with a
    /// scheme is taken as is, apart from removing dot segments).
    static func resolve(_ reference: String, against base: String) -> String {
        let ref = split(reference)
        let baseParts = split(base)
        var target = Components(scheme: nil, authority: nil, path: "", query: nil, fragment: ref.fragment)
        if let scheme = ref.scheme {
            target.scheme = scheme
            target.authority = ref.authority
            target.path = Substring(removeDotSegments(ref.path))
            target.query = ref.query
        } else {
            target.scheme = baseParts.scheme
            if let authority = ref.authority {
                target.authority = authority
                target.path = Substring(removeDotSegments(ref.path))
                target.query = ref.query
            } else {
                target.authority = baseParts.authority
                if ref.path.isEmpty {
                    target.path = baseParts.path
                    target.query = ref.query ?? baseParts.query
                } else {
                    if ref.path.utf8.first == UInt8(ascii: "/") {
                        target.path = Substring(removeDotSegments(ref.path))
                    } else {
                        target.path = Substring(removeDotSegments(Substring(merge(base: baseParts, path: ref.path))))
                    }
                    target.query = ref.query
                }
            }
        }
        return recompose(target)
    }

    /// RFC 3986 section 5.2.3.
    private static func merge(base: Components, path: Substring) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return String(path) }
        return String(base.path[...slash]) + path
    }

    /// RFC 3986 section 5.2.4, on segments rather than the character-by-character loop (same result).
    static func removeDotSegments(_ path: Substring) -> String {
        guard path.utf8.contains(UInt8(ascii: ".")) else { return String(path) }
        let absolute = path.utf8.first == UInt8(ascii: "/")
        var segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if absolute { segments.removeFirst() }
        // A lone "." or ".." is removed entirely (rule D), not turned into "/".
        if !absolute && segments.count == 1 && (segments[0] == "." || segments[0] == "..") { return "" }
        var output: [Substring] = []
        var trailingSlash = false
        for (position, segment) in segments.enumerated() {
            let isLast = position == segments.count - 1
            if segment == "." {
                trailingSlash = isLast
            } else if segment == ".." {
                if !output.isEmpty { output.removeLast() }
                trailingSlash = isLast
            } else {
                output.append(segment)
                trailingSlash = false
            }
        }
        var result = absolute ? "/" : ""
        result += output.joined(separator: "/")
        if trailingSlash && !(result.hasSuffix("/")) { result += "/" }
        return result
    }

    /// RFC 3986 section 5.3.
    private static func recompose(_ parts: Components) -> String {
        var result = ""
        if let scheme = parts.scheme { result += scheme; result += ":" }
        if let authority = parts.authority { result += "//"; result += authority }
        result += parts.path
        if let query = parts.query { result += "?"; result += query }
        if let fragment = parts.fragment { result += "#"; result += fragment }
        return result
    }

    @inline(__always) private static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
