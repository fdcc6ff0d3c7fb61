// The byte-level N-Quads writer shared by `NQuads.serialize` and the canonicalizer. Each term is scanned once; when
// nothing needs escaping (the common case) its UTF-8 is copied in one block.

extension NQuads {
    /// Appends `quad` as one canonical N-Quads line ending in `" .\n"`.
    static func appendQuad(_ quad: RDFQuad, to out: inout [UInt8]) {
        appendTerm(quad.subject, to: &out)
        out.append(ASCII.space)
        appendTerm(quad.predicate, to: &out)
        out.append(ASCII.space)
        appendTerm(quad.object, to: &out)
        if let graph = quad.graph {
            out.append(ASCII.space)
            appendTerm(graph, to: &out)
        }
        out.append(contentsOf: ASCII.lineEnd)
    }

    /// Appends one term in canonical N-Quads form.
    static func appendTerm(_ term: RDFTerm, to out: inout [UInt8]) {
        switch term {
        case .iri(let iri): appendIRI(iri, to: &out)
        case .blankNode(let label):
            out.append(contentsOf: ASCII.blankPrefix)
            appendUTF8(label, to: &out)
        case .literal(let literal): appendLiteral(literal, to: &out)
        }
    }

    /// Appends `<iri>`, escaping (as `\u00XX`) only characters no IRI may contain.
    static func appendIRI(_ iri: String, to out: inout [UInt8]) {
        out.append(ASCII.lessThan)
        let copied = iri.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let clean = firstForbiddenInIRI(bytes)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<clean]))
            for byte in bytes[clean...] {
                if isForbiddenInIRI(byte) { appendUCHAR(byte, to: &out) } else { out.append(byte) }
            }
            return true
        }
        if copied == nil {
            for byte in iri.utf8 {
                if isForbiddenInIRI(byte) { appendUCHAR(byte, to: &out) } else { out.append(byte) }
            }
        }
        out.append(ASCII.greaterThan)
    }

    /// Appends `"lexical form"` with `@language` or `^^<datatype>` (none for `xsd:string`).
    static func appendLiteral(_ literal: RDFLiteral, to out: inout [UInt8]) {
        out.append(ASCII.quote)
        let copied = literal.lexicalForm.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let clean = firstNeedingEscapeInLiteral(bytes)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<clean]))
            for byte in bytes[clean...] { appendLiteralByte(byte, to: &out) }
            return true
        }
        if copied == nil {
            for byte in literal.lexicalForm.utf8 { appendLiteralByte(byte, to: &out) }
        }
        out.append(ASCII.quote)
        if let language = literal.language {
            out.append(ASCII.at)
            appendUTF8(language, to: &out)
        } else if literal.datatype != RDFLiteral.xsdString {
            out.append(ASCII.caret)
            out.append(ASCII.caret)
            appendIRI(literal.datatype, to: &out)
        }
    }

    /// Appends the UTF-8 of `text` unchanged.
    static func appendUTF8(_ text: String, to out: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: text.utf8)
        }
    }

    /// Appends a non-negative `value` in decimal.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(ASCII.zero &+ UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    // MARK: - Escaping rules

    /// `IRIREF` excludes `#x00-#x20 < > " { } | ^ `` ` `` \` (N-Quads 1.1 grammar rule 10).
    @inline(__always)
    static func isForbiddenInIRI(_ byte: UInt8) -> Bool {
        // One bit per ASCII byte: U+0000-U+0020, '"', '<', '>' in the low word; '\', '^', '`', '{', '|', '}' in the
        // high word. Non-ASCII bytes are always allowed.
        let low: UInt64 = (1 << 0x21 - 1) | 1 << 0x22 | 1 << 0x3C | 1 << 0x3E
        let high: UInt64 = 1 << (0x5C - 64) | 1 << (0x5E - 64) | 1 << (0x60 - 64) | 1 << (0x7B - 64) | 1 << (0x7C - 64) | 1 << (0x7D - 64)
        let word: UInt64
        switch byte >> 6 {
        case 0: word = low
        case 1: word = high
        default: return false
        }
        return (word >> UInt64(byte & 63)) & 1 != 0
    }

    /// The index of the first byte of `bytes` that `isForbiddenInIRI`, or `bytes.count`.
    @inline(__always)
    private static func firstForbiddenInIRI(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index < bytes.count, !isForbiddenInIRI(bytes[index]) { index += 1 }
        return index
    }

    /// The index of the first byte of `bytes` that `needsEscapeInLiteral`, or `bytes.count`.
    @inline(__always)
    private static func firstNeedingEscapeInLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index < bytes.count, !needsEscapeInLiteral(bytes[index]) { index += 1 }
        return index
    }

    /// Canonical literals escape `"`, `\`, the C0 controls and DEL; everything else is written as itself.
    @inline(__always)
    static func needsEscapeInLiteral(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
    }

    @inline(__always)
    private static func appendLiteralByte(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x22: out.append(ASCII.backslash); out.append(ASCII.quote)
        case 0x5C: out.append(ASCII.backslash); out.append(ASCII.backslash)
        case 0x08: out.append(ASCII.backslash); out.append(UInt8(ascii: "b"))
        case 0x09: out.append(ASCII.backslash); out.append(UInt8(ascii: "t"))
        case 0x0A: out.append(ASCII.backslash); out.append(UInt8(ascii: "n"))
        case 0x0C: out.append(ASCII.backslash); out.append(UInt8(ascii: "f"))
        case 0x0D: out.append(ASCII.backslash); out.append(UInt8(ascii: "r"))
        case 0x00..<0x20, 0x7F: appendUCHAR(byte, to: &out)
        default: out.append(byte)
        }
    }

    /// `\u00XX` with upper-case hex digits, for an ASCII `byte`.
    private static func appendUCHAR(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(ASCII.backslash)
        out.append(UInt8(ascii: "u"))
        out.append(ASCII.zero)
        out.append(ASCII.zero)
        out.append(upperHexDigit(byte >> 4))
        out.append(upperHexDigit(byte & 0x0F))
    }

    @inline(__always)
    private static func upperHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? ASCII.zero &+ nibble : UInt8(ascii: "A") &+ (nibble &- 10)
    }
}
