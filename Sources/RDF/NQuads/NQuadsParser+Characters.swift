// Character classes of the N-Quads 1.1 grammar and the UTF-8 handling the parser needs.

extension NQuadsParser {
    /// Throws ``NQuadsError/Code/invalidUTF8`` at the first byte that does not start a well-formed UTF-8 sequence
    /// (Unicode 15 table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
    static func validateUTF8(_ bytes: UnsafeBufferPointer<UInt8>) throws(NQuadsError) {
        var index = 0
        var line = 1
        var lineStart = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == ASCII.lineFeed || (lead == ASCII.carriageReturn && (index + 1 == bytes.count || bytes[index + 1] != ASCII.lineFeed)) {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: length = 0
            }
            var valid = length > 0 && index + length <= bytes.count
            if valid {
                for offset in 1..<length {
                    let byte = bytes[index + offset]
                    let low = offset == 1 ? lower : 0x80
                    let high = offset == 1 ? upper : 0xBF
                    if byte < low || byte > high {
                        valid = false
                        break
                    }
                }
            }
            guard valid else {
                throw NQuadsError(
                    code: .invalidUTF8,
                    reason: "byte 0x\(String(lead, radix: 16, uppercase: true)) does not start well-formed UTF-8; N-Quads is UTF-8 text",
                    line: line, column: index - lineStart + 1)
            }
            index += length
        }
    }

    /// The scalar starting at `index` and its length in bytes; the input is known to be valid UTF-8.
    func decodeScalar(at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 {
            return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        let value =
            UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
            | UInt32(bytes[index + 3] & 0x3F)
        return (value, 4)
    }

    /// Appends the UTF-8 encoding of `scalar`.
    static func appendScalar(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(0xC0 | UInt8(value >> 6))
            out.append(0x80 | UInt8(value & 0x3F))
        case 0x800..<0x10000:
            out.append(0xE0 | UInt8(value >> 12))
            out.append(0x80 | UInt8((value >> 6) & 0x3F))
            out.append(0x80 | UInt8(value & 0x3F))
        default:
            out.append(0xF0 | UInt8(value >> 18))
            out.append(0x80 | UInt8((value >> 12) & 0x3F))
            out.append(0x80 | UInt8((value >> 6) & 0x3F))
            out.append(0x80 | UInt8(value & 0x3F))
        }
    }

    /// `PN_CHARS_BASE` (grammar rule 163s).
    static func isPNCharsBase(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
            0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
            0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    /// `PN_CHARS_U ::= PN_CHARS_BASE | '_' | ':'`.
    static func isPNCharsU(_ scalar: UInt32) -> Bool {
        scalar == 0x5F || scalar == 0x3A || isPNCharsBase(scalar)
    }

    /// `PN_CHARS ::= PN_CHARS_U | '-' | [0-9] | #x00B7 | [#x0300-#x036F] | [#x203F-#x2040]`.
    static func isPNChars(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2D, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isPNCharsU(scalar)
        }
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    /// RFC 3987 `scheme ":"`: a letter, then letters, digits, `+`, `-` or `.`, then `:`.
    static func hasScheme(_ iri: some Collection<UInt8>) -> Bool {
        var index = iri.startIndex
        guard index != iri.endIndex, isASCIILetter(iri[index]) else { return false }
        index = iri.index(after: index)
        while index != iri.endIndex {
            let byte = iri[index]
            if byte == ASCII.colon { return true }
            guard isASCIILetter(byte) || (0x30...0x39).contains(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E else { return false }
            index = iri.index(after: index)
        }
        return false
    }
}
