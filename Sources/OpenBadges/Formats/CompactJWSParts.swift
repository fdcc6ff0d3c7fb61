/// Where the three parts of a compact JWS (RFC 7515 section 7.1, `header.payload.signature`) lie in its UTF-8,
/// found in one pass over the bytes and not yet decoded.
///
/// Tokens are 1-2 KB of ASCII: splitting them as Swift `String`s walks grapheme clusters and cost more than the
/// signature check in a crawl's profile, so readers of tokens (the parser and the verifier) locate parts here.
public struct CompactJWSParts: Sendable {
    /// The token's UTF-8, with surrounding ASCII white space removed.
    public let bytes: [UInt8]
    /// The byte range of the base64url header.
    public let header: Range<Int>
    /// The byte range of the base64url payload.
    public let payload: Range<Int>
    /// The byte range of the base64url signature (may be empty).
    public let signature: Range<Int>

    /// The parts of `token`, or nil unless it has exactly three parts separated by `.` (surrounding white space
    /// ignored). Says nothing about the alphabet; see ``usesTokenAlphabet``.
    public init?(_ token: String) {
        self.init(bytes: Array(token.utf8))
    }

    /// The parts of the UTF-8 token `bytes`; see ``init(_:)``.
    public init?(bytes raw: [UInt8]) {
        var start = raw.startIndex
        var end = raw.endIndex
        while start < end, Self.isWhitespace(raw[start]) { start += 1 }
        while end > start, Self.isWhitespace(raw[end - 1]) { end -= 1 }
        let bytes = start == raw.startIndex && end == raw.endIndex ? raw : Array(raw[start..<end])
        var dots: [Int] = []
        for index in bytes.indices where bytes[index] == UInt8(ascii: ".") {
            dots.append(index)
            if dots.count > 2 { return nil }
        }
        guard dots.count == 2 else { return nil }
        self.bytes = bytes
        header = 0..<dots[0]
        payload = (dots[0] + 1)..<dots[1]
        signature = (dots[1] + 1)..<bytes.count
    }

    /// The token text (white space removed).
    public var token: String { String(decoding: bytes, as: UTF8.self) }

    /// `header.payload`, the JWS Signing Input (RFC 7515 section 5.2 step 8).
    public var signingInput: ArraySlice<UInt8> { bytes[0..<payload.upperBound] }

    /// True when the header and payload are non-empty and every byte is in the base64url alphabet or a `.`.
    public var usesTokenAlphabet: Bool {
        guard !header.isEmpty, !payload.isEmpty else { return false }
        return bytes.allSatisfy { $0 == UInt8(ascii: ".") || Base64URL.isAlphabet($0) }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
