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

    /// Four characters to three bytes at a time through a lookup table: tokens are decoded several times per signed
    /// endorsement of a crawl (parser, then verifier), and the character-by-character form showed in its profile.
    private static func decode(bytes input: ArraySlice<UInt8>, canonical: Bool) -> [UInt8]? {
        let count = input.count
        let rest = count % 4
        if rest == 1 { return nil }
        var valid = true
        let decoded = [UInt8](unsafeUninitializedCapacity: count / 4 * 3 + max(0, rest - 1)) { output, initialized in
            input.withUnsafeBufferPointer { source in
                sextets.withUnsafeBufferPointer { table in
                    var read = 0
                    var written = 0
                    while read + 4 <= count {
                        let a = table[Int(source[read])], b = table[Int(source[read + 1])]
                        let c = table[Int(source[read + 2])], d = table[Int(source[read + 3])]
                        guard (a | b | c | d) & 0x80 == 0 else {
                            valid = false
                            return
                        }
                        let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        output[written] = UInt8(truncatingIfNeeded: group >> 16)
                        output[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                        output[written + 2] = UInt8(truncatingIfNeeded: group)
                        read += 4
                        written += 3
                    }
                    if rest >= 2 {
                        let a = table[Int(source[read])], b = table[Int(source[read + 1])]
                        let c = rest == 3 ? table[Int(source[read + 2])] : 0
                        guard (a | b | c) & 0x80 == 0 else {
                            valid = false
                            return
                        }
                        // Canonical: the unused trailing bits must be zero, or two spellings would decode alike.
                        if canonical, rest == 2 ? b & 0x0F != 0 : c & 0x03 != 0 {
                            valid = false
                            return
                        }
                        let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                        output[written] = UInt8(truncatingIfNeeded: group >> 16)
                        written += 1
                        if rest == 3 {
                            output[written] = UInt8(truncatingIfNeeded: group >> 8)
                            written += 1
                        }
                    }
                    initialized = written
                }
            }
        }
        return valid ? decoded : nil
    }

    /// True for the characters of the base64url alphabet (RFC 4648 section 5).
    public static func isAlphabet(_ byte: UInt8) -> Bool { sextet(byte) != nil }

    /// The value of each byte as a base64url digit; 0xFF for bytes outside the alphabet.
    private static let sextets: [UInt8] = (0...255).map { sextet(UInt8($0)) ?? 0xFF }

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
