import OpenBadges

extension BakedBadge {
    /// What `bytes` look like: PNG, SVG, JSON, compact JWS or unknown, by content alone (never a file name).
    ///
    /// Shape tests only, so that a caller can route the bytes: PNG by its signature; SVG by a root element named
    /// `svg` (the XML prolog is scanned, a DOCTYPE judged but not refused here); JSON by a first non-white-space
    /// byte `{` or `[`; JWS by three base64url parts. ``unbake(_:limits:)`` and the JSON reader decide validity.
    /// - Complexity: O(n) at worst (a long prolog or token); usually a few bytes.
    public static func sniff(_ bytes: [UInt8]) -> SniffedFormat {
        if PNGChunkReader.hasSignature(bytes) { return .png }
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, XMLScanner.isWhiteSpace(bytes[start]) { start += 1 }
        guard start < bytes.count else { return .unknown }
        switch bytes[start] {
        case UInt8(ascii: "<"):
            return rootIsSVG(bytes, from: start) ? .svg : .unknown
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return .json
        default:
            return looksLikeCompactJWS(bytes[start...]) ? .jws : .unknown
        }
    }

    /// True when the first element is named `svg` (any prefix) after nothing but prolog constructs.
    private static func rootIsSVG(_ bytes: [UInt8], from start: Int) -> Bool {
        var scanner = XMLScanner(bytes: bytes, start: start)
        while true {
            guard let token = try? scanner.next() else { return false }
            switch token {
            case .startTag(let name, _, _, _, _):
                let qualified = bytes[name]
                let local = qualified.firstIndex(of: UInt8(ascii: ":")).map { qualified[($0 + 1)...] } ?? qualified
                return local.elementsEqual("svg".utf8)
            case .text(let range):
                guard bytes[range].allSatisfy(XMLScanner.isWhiteSpace) else { return false }
            case .doctype:
                continue
            case .endTag, .cdata, .end:
                return false
            }
        }
    }

    /// `header.payload.signature`, base64url parts, header and payload non-empty, white space around allowed.
    private static func looksLikeCompactJWS(_ bytes: ArraySlice<UInt8>) -> Bool {
        var end = bytes.endIndex
        while end > bytes.startIndex, XMLScanner.isWhiteSpace(bytes[end - 1]) { end -= 1 }
        let parts = bytes[..<end].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 3 && !parts[0].isEmpty && !parts[1].isEmpty && parts.allSatisfy { $0.allSatisfy(Base64URL.isAlphabet) }
    }
}
