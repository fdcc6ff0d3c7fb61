/// base64url without padding (RFC 7515 section 2, RFC 4648 section 5), strict: the decoder refuses padding,
/// characters outside the alphabet, an impossible length and non-zero unused trailing bits, so that one byte
/// string has exactly one accepted spelling.
public enum Base64URL {
    /// The bytes `text` spells, or nil when it is not canonical unpadded base64url.
    public static func decode(_ text: Substring) -> [UInt8]? { decode(text, canonical: true) }

    /// The bytes `text` spells, or nil; see ``decode(_:)-(Substring)``.
    public static func decode(_ text: String) -> [UInt8]? { decode(text[...]) }

    /// The bytes of unpadded base64url that may have non-zero trailing bits (not every encoder is canonical), or
    /// nil for characters outside the alphabet or an impossible length. For reading what a document says; a
    /// signature check must use ``decode(_:)-(Substring)``.
    public static func decodeLenient(_ text: Substring) -> [UInt8]? { decode(text, canonical: false) }

    /// The bytes the UTF-8 `bytes` spell as canonical unpadded base64url, or nil; see ``decode(_:)-(Substring)``.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8]? { decode(bytes: bytes, canonical: true) }

    /// The bytes the UTF-8 `bytes` spell, accepting non-zero trailing bits; see ``decodeLenient(_:)-(Substring)``.
    public static func decodeLenient(_ bytes: ArraySlice<UInt8>) -> [UInt8]? { decode(bytes: bytes, canonical: false) }

    private static func decode(_ text: Substring, canonical: Bool) -> [UInt8]? {
        decode(bytes: ArraySlice(text.utf8), canonical: canonical)
    }

    private static func decode(bytes input: ArraySlice<UInt8>, canonical: Bool) -> [UInt8]? {
        if input.count % 4 == 1 { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            guard let value = sextet(byte) else { return nil }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Canonical: leftover bits (2 or 4) must be zero, otherwise two spellings would decode to the same bytes.
        if canonical && accumulator != 0 { return nil }
        return out
    }

    /// `bytes` as unpadded base64url.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            accumulator = (accumulator << 8) | UInt32(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                out.append(alphabet[Int((accumulator >> UInt32(bits)) & 0x3F)])
            }
            accumulator &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 { out.append(alphabet[Int((accumulator << UInt32(6 - bits)) & 0x3F)]) }
        return String(decoding: out, as: UTF8.self)
    }

    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
