/// A one-pass reader of the N-Quads 1.1 grammar (https://www.w3.org/TR/n-quads/#sec-grammar) over valid UTF-8.
///
/// Works on bytes: terms without escapes become Strings by one copy of their bytes; escapes are decoded into a
/// scratch buffer. Lines end at `\n`, `\r` or `\r\n` (EOL is `[#xD#xA]+`).
struct NQuadsParser {
    let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var scratch: [UInt8] = []

    /// A parser over `bytes`, which must be valid UTF-8 (``validateUTF8(_:)``).
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Every statement of the document, in order.
    mutating func parseDocument() throws(NQuadsError) -> [RDFQuad] {
        var quads: [RDFQuad] = []
        while true {
            skipSpaces()
            guard position < bytes.count else { break }
            switch bytes[position] {
            case ASCII.hash: skipComment()
            case ASCII.lineFeed, ASCII.carriageReturn: consumeLineEnd()
            default: quads.append(try parseStatement())
            }
        }
        return quads
    }

    // MARK: - Statements

    /// `statement ::= subject predicate object graphLabel? '.'`, then only white space or a comment up to EOL.
    private mutating func parseStatement() throws(NQuadsError) -> RDFQuad {
        let subject = try parseTerm(allowed: [.iri, .blankNode], role: "subject")
        skipSpaces()
        let predicate = try parseTerm(allowed: [.iri], role: "predicate")
        skipSpaces()
        let object = try parseTerm(allowed: [.iri, .blankNode, .literal], role: "object")
        skipSpaces()
        var graph: RDFTerm?
        if position < bytes.count, bytes[position] != ASCII.dot, !isAtLineEndOrComment {
            graph = try parseTerm(allowed: [.iri, .blankNode], role: "graph label")
            skipSpaces()
        }
        guard position < bytes.count, bytes[position] == ASCII.dot else {
            throw error(.missingDot, "a statement must end with '.' after its \(graph == nil ? "object" : "graph label")")
        }
        position += 1
        skipSpaces()
        if position < bytes.count {
            switch bytes[position] {
            case ASCII.hash: skipComment()
            case ASCII.lineFeed, ASCII.carriageReturn: break
            default: throw error(.trailingContent, "only one statement per line; found more after '.'")
            }
        }
        return RDFQuad(subject: subject, predicate: predicate, object: object, graph: graph)
    }

    /// The kinds of term a position accepts.
    private struct TermKinds: OptionSet {
        let rawValue: UInt8
        static let iri = TermKinds(rawValue: 1)
        static let blankNode = TermKinds(rawValue: 2)
        static let literal = TermKinds(rawValue: 4)
    }

    private mutating func parseTerm(allowed: TermKinds, role: String) throws(NQuadsError) -> RDFTerm {
        guard position < bytes.count else { throw error(.unexpectedTerm, "the line ends where a \(role) is expected") }
        let kind: TermKinds
        switch bytes[position] {
        case ASCII.lessThan: kind = .iri
        case ASCII.underscore: kind = .blankNode
        case ASCII.quote: kind = .literal
        default: throw error(.unexpectedTerm, "expected a \(role) (an IRI in <>, a blank node _:x or a literal in \"\")")
        }
        guard allowed.contains(kind) else {
            throw error(.unexpectedTerm, "a \(role) cannot be \(kind == .literal ? "a literal" : kind == .iri ? "an IRI" : "a blank node")")
        }
        if kind == .iri { return .iri(try parseIRI()) }
        if kind == .blankNode { return .blankNode(try parseBlankNodeLabel()) }
        return .literal(try parseLiteral())
    }

    // MARK: - Terms

    /// `IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>'`, and absolute (`scheme ":"`, RFC 3987).
    private mutating func parseIRI() throws(NQuadsError) -> String {
        position += 1  // <
        let start = position
        var escaped = false
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard position < bytes.count else { throw error(.invalidIRI, "the IRI is not closed by '>'") }
            let byte = bytes[position]
            if byte == ASCII.greaterThan { break }
            if byte == ASCII.backslash {
                if !escaped {
                    scratch.append(contentsOf: bytes[start..<position])
                    escaped = true
                }
                let escapeStart = position
                position += 1
                guard position < bytes.count, bytes[position] == UInt8(ascii: "u") || bytes[position] == UInt8(ascii: "U") else {
                    throw error(.invalidEscape, "only \\u and \\U escapes are allowed in IRIs")
                }
                let scalar = try parseUCHAR()
                if scalar.value < 0x80, NQuads.isForbiddenInIRI(UInt8(scalar.value)) {
                    position = escapeStart
                    throw error(.invalidIRI, "the escape \\u\(hex4(scalar.value)) names a character IRIs may not contain")
                }
                Self.appendScalar(scalar, to: &scratch)
                continue
            }
            if NQuads.isForbiddenInIRI(byte) {
                throw error(.invalidIRI, "IRIs may not contain \(describe(byte)) (nor space, <, >, \", {, }, |, ^, `, \\ or a control character)")
            }
            if escaped { scratch.append(byte) }
            position += 1
        }
        let iri =
            escaped
            ? String(decoding: scratch, as: UTF8.self) : String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        let hasScheme = escaped ? Self.hasScheme(scratch[...]) : Self.hasScheme(bytes[start..<position])
        guard hasScheme else {
            position = start
            throw error(.invalidIRI, "N-Quads IRIs must be absolute (start with a scheme such as https:)")
        }
        position += 1  // >
        return iri
    }

    /// `BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?`; returns the label after `_:`.
    private mutating func parseBlankNodeLabel() throws(NQuadsError) -> String {
        guard position + 1 < bytes.count, bytes[position + 1] == ASCII.colon else {
            throw error(.invalidBlankNodeLabel, "a blank node starts with '_:'")
        }
        position += 2
        let start = position
        var lastNonDot = position
        var first = true
        while position < bytes.count {
            let (scalar, length) = decodeScalar(at: position)
            let accepted = first ? (Self.isPNCharsU(scalar) || (0x30...0x39).contains(scalar)) : (Self.isPNChars(scalar) || scalar == 0x2E)
            guard accepted else { break }
            first = false
            position += length
            if scalar != 0x2E { lastNonDot = position }
        }
        // A label may hold dots but not end with one: the final dot is the statement's.
        position = lastNonDot
        guard position > start else { throw error(.invalidBlankNodeLabel, "the blank node label is empty or starts with a character labels cannot") }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// `literal ::= STRING_LITERAL_QUOTE ('^^' IRIREF | LANGTAG)?`.
    private mutating func parseLiteral() throws(NQuadsError) -> RDFLiteral {
        position += 1  // "
        let start = position
        var escaped = false
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard position < bytes.count else { throw error(.unterminatedLiteral, "the literal is not closed by '\"' before the end of the input") }
            let byte = bytes[position]
            if byte == ASCII.quote { break }
            if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                throw error(.unterminatedLiteral, "the literal is not closed by '\"' before the end of the line (write line breaks as \\n or \\r)")
            }
            if byte == ASCII.backslash {
                if !escaped {
                    scratch.append(contentsOf: bytes[start..<position])
                    escaped = true
                }
                try parseLiteralEscape()
                continue
            }
            if escaped { scratch.append(byte) }
            position += 1
        }
        let lexicalForm =
            escaped
            ? String(decoding: scratch, as: UTF8.self) : String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        position += 1  // "
        guard position < bytes.count else { return RDFLiteral(lexicalForm) }
        if bytes[position] == ASCII.at {
            return RDFLiteral(lexicalForm, language: try parseLanguageTag())
        }
        if bytes[position] == ASCII.caret {
            guard position + 2 < bytes.count, bytes[position + 1] == ASCII.caret, bytes[position + 2] == ASCII.lessThan else {
                throw error(.unexpectedTerm, "a datatype is written ^^<IRI>")
            }
            position += 2
            return RDFLiteral(lexicalForm, datatype: try parseIRI())
        }
        return RDFLiteral(lexicalForm)
    }

    /// One `ECHAR` or `UCHAR` in a literal, decoded into `scratch`.
    private mutating func parseLiteralEscape() throws(NQuadsError) {
        position += 1  // backslash
        guard position < bytes.count else { throw error(.invalidEscape, "a '\\' ends the input") }
        let decoded: UInt8
        switch bytes[position] {
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "f"): decoded = 0x0C
        case ASCII.quote: decoded = 0x22
        case UInt8(ascii: "'"): decoded = 0x27
        case ASCII.backslash: decoded = 0x5C
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            Self.appendScalar(try parseUCHAR(), to: &scratch)
            return
        default:
            let escapes = #"\t \b \n \r \f \" \' \\ \uXXXX \UXXXXXXXX"#
            throw error(.invalidEscape, "\\ followed by \(describe(bytes[position])) is not an N-Quads escape (\(escapes))")
        }
        scratch.append(decoded)
        position += 1
    }

    /// `UCHAR ::= '\u' HEX{4} | '\U' HEX{8}` with `position` at the `u`/`U`; the code point must be a Unicode scalar.
    private mutating func parseUCHAR() throws(NQuadsError) -> Unicode.Scalar {
        let digits = bytes[position] == UInt8(ascii: "u") ? 4 : 8
        position += 1
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard position < bytes.count, let digit = Self.hexValue(bytes[position]) else {
                throw error(.invalidEscape, "\\\(digits == 4 ? "u" : "U") needs \(digits) hexadecimal digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error(.invalidEscape, "U+\(String(value, radix: 16, uppercase: true)) is a surrogate or beyond U+10FFFF, not a character")
        }
        return scalar
    }

    /// `LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*`, returned without the `@` and as written.
    private mutating func parseLanguageTag() throws(NQuadsError) -> String {
        position += 1  // @
        let start = position
        while position < bytes.count, Self.isASCIILetter(bytes[position]) { position += 1 }
        guard position > start else { throw error(.invalidLanguageTag, "a language tag starts with a letter") }
        while position < bytes.count, bytes[position] == ASCII.hyphen {
            position += 1
            let subtagStart = position
            while position < bytes.count, Self.isASCIILetter(bytes[position]) || (0x30...0x39).contains(bytes[position]) { position += 1 }
            guard position > subtagStart else { throw error(.invalidLanguageTag, "a '-' in a language tag must be followed by letters or digits") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    // MARK: - White space, comments, line ends

    /// True at a line end or a comment, where a statement cannot continue.
    private var isAtLineEndOrComment: Bool {
        let byte = bytes[position]
        return byte == ASCII.lineFeed || byte == ASCII.carriageReturn || byte == ASCII.hash
    }

    private mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == ASCII.space || bytes[position] == ASCII.tab { position += 1 }
    }

    private mutating func skipComment() {
        while position < bytes.count, bytes[position] != ASCII.lineFeed, bytes[position] != ASCII.carriageReturn { position += 1 }
    }

    private mutating func consumeLineEnd() {
        if bytes[position] == ASCII.carriageReturn, position + 1 < bytes.count, bytes[position + 1] == ASCII.lineFeed { position += 1 }
        position += 1
        line += 1
        lineStart = position
    }

    // MARK: - Errors

    private func error(_ code: NQuadsError.Code, _ reason: String) -> NQuadsError {
        NQuadsError(code: code, reason: reason, line: line, column: position - lineStart + 1)
    }

    private func describe(_ byte: UInt8) -> String {
        if byte > 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "U+\(hex4(UInt32(byte)))"
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
