/// Decoding of XML character data into UTF-8: line-end normalisation, the five predefined entity references and
/// character references (XML 1.0 sections 2.11, 4.1 and 4.6), nothing else. There are no other entities to expand, since a document that
/// declares any is refused first.
enum XMLCharacterData {
    /// The document's character encoding, as far as endorse reads it.
    enum Encoding {
        /// UTF-8 (also US-ASCII, a subset): bytes are copied.
        case utf8
        /// ISO 8859-1: each byte is the code point of the same value, re-encoded as UTF-8.
        case latin1
    }

    /// Which construct the bytes come from, which decides what is decoded and normalised.
    enum Construct {
        /// Character data: references decoded, line ends normalised.
        case text
        /// A CDATA section: line ends normalised, nothing else.
        case cdata
        /// An attribute value: references decoded, and literal tab, CR and LF become spaces (XML 1.0 section 3.3.3).
        case attribute
    }

    /// Appends `raw` to `output` as UTF-8, decoded as `construct` requires. Line ends are normalised first
    /// (XML 1.0 section 2.11: CR LF and a lone CR become LF); characters produced by references are not.
    ///
    /// - Throws: `code` (with the reason) for a reference that is not closed by `;`, names an entity other than
    ///   `lt gt amp apos quot`, or a character XML does not allow.
    static func append(
        _ raw: ArraySlice<UInt8>, to output: inout [UInt8], encoding: Encoding, construct: Construct, code: UnbakeError.Code, location: String
    ) throws(UnbakeError) {
        var index = raw.startIndex
        while index < raw.endIndex {
            // Copy the run of bytes that need nothing done in one go: payloads are mostly such runs.
            let runStart = index
            while index < raw.endIndex, !needsWork(raw[index], encoding: encoding, construct: construct) { index += 1 }
            if index > runStart { output.append(contentsOf: raw[runStart..<index]) }
            guard index < raw.endIndex else { return }
            var byte = raw[index]
            if byte == UInt8(ascii: "&") && construct != .cdata {
                guard let semicolon = raw[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                    throw UnbakeError(
                        code: code, reason: "'&' does not start a reference closed by ';' (write &amp; for a literal '&')", location: location)
                }
                try appendReference(raw[(index + 1)..<semicolon], to: &output, code: code, location: location)
                index = semicolon + 1
                continue
            }
            if byte == 0x0D {
                byte = 0x0A
                if index + 1 < raw.endIndex, raw[index + 1] == 0x0A { index += 1 }
            }
            if construct == .attribute, byte == 0x0A || byte == 0x09 { byte = 0x20 }
            if byte >= 0x80 && encoding == .latin1 {
                output.append(0xC0 | (byte >> 6))
                output.append(0x80 | (byte & 0x3F))
            } else {
                output.append(byte)
            }
            index += 1
        }
    }

    @inline(__always)
    private static func needsWork(_ byte: UInt8, encoding: Encoding, construct: Construct) -> Bool {
        switch byte {
        case 0x0D: true
        case UInt8(ascii: "&"): construct != .cdata
        case 0x0A, 0x09: construct == .attribute
        case 0x80...: encoding == .latin1
        default: false
        }
    }

    private static func appendReference(_ name: ArraySlice<UInt8>, to output: inout [UInt8], code: UnbakeError.Code, location: String)
        throws(UnbakeError)
    {
        switch String(decoding: name, as: UTF8.self) {
        case "lt": output.append(UInt8(ascii: "<"))
        case "gt": output.append(UInt8(ascii: ">"))
        case "amp": output.append(UInt8(ascii: "&"))
        case "apos": output.append(UInt8(ascii: "'"))
        case "quot": output.append(UInt8(ascii: "\""))
        case let reference where reference.hasPrefix("#"):
            let digits = reference.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            // XML 1.0 section 2.2 (production Char): no NUL, no C0 controls but tab, LF, CR, no surrogates, no FFFE/FFFF.
            guard let value,
                value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
                    || (0x10000...0x10FFFF).contains(value), let scalar = Unicode.Scalar(value)
            else {
                throw UnbakeError(code: code, reason: "the character reference &\(reference); names no character XML allows", location: location)
            }
            output.append(contentsOf: String(Character(scalar)).utf8)
        case let other:
            throw UnbakeError(
                code: code,
                reason: "the entity reference &\(other); is not one of XML's five predefined entities; endorse expands no other entity",
                location: location)
        }
    }
}
