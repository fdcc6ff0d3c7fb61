/// A small, non-validating XML 1.0 tokenizer over bytes: tags with their attributes, text, CDATA sections and the
/// DOCTYPE, which is read only to be judged (``XMLDoctype``), never applied. Comments and processing instructions
/// are skipped. It never expands an entity, never reads a DTD and never fetches anything, so the classic XML
/// attacks (billion laughs, external entities) have nothing to work with.
///
/// It checks the syntax it walks over (names, `=` and quotes, terminated constructs); matching end tags and
/// namespaces are the caller's job. Cost: O(n) over the bytes; the attribute list is reused between tags.
struct XMLScanner {
    /// One token.
    enum Token {
        /// `<name attributes>` or `<name attributes/>`: the name's byte range, where `<` is, where the closing
        /// `>` or `/>` begins, and the offset after it. The attributes are in ``XMLScanner/attributes``.
        case startTag(name: Range<Int>, start: Int, close: Int, end: Int, selfClosing: Bool)
        /// `</name>`: the name's byte range and the offset after `>`.
        case endTag(name: Range<Int>, start: Int, end: Int)
        /// Character data up to the next `<`, references not decoded.
        case text(Range<Int>)
        /// The content of `<![CDATA[ ... ]]>`.
        case cdata(Range<Int>)
        /// `<!DOCTYPE ...>`, judged.
        case doctype(XMLDoctype)
        /// The end of the bytes.
        case end
    }

    /// One attribute of the last start tag: the name and the value between the quotes, undecoded.
    struct Attribute {
        let name: Range<Int>
        let value: Range<Int>
    }

    let bytes: [UInt8]
    private(set) var position: Int
    /// The attributes of the last ``Token/startTag(name:start:close:end:selfClosing:)``.
    private(set) var attributes: [Attribute] = []

    /// A scanner from `start` (after any byte order mark).
    init(bytes: [UInt8], start: Int) {
        self.bytes = bytes
        self.position = start
    }

    /// The next token.
    ///
    /// - Throws: ``UnbakeError/Code/malformedSVG`` for an unterminated comment, PI, CDATA section, tag or
    ///   DOCTYPE, a missing name, `=` or quote, `<` inside an attribute value, or an unknown `<!` construct.
    mutating func next() throws(UnbakeError) -> Token {
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "<") else {
                let start = position
                position = bytes[position...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                return .text(start..<position)
            }
            if hasPrefix("<?") {
                position = try skip(past: "?>", what: "processing instruction")
            } else if hasPrefix("<!--") {
                position = try skip(past: "-->", what: "comment", from: position + 4)
            } else if hasPrefix("<![CDATA[") {
                let contentStart = position + 9
                guard let close = find("]]>", from: contentStart) else { throw malformed("a CDATA section is not closed by ]]>") }
                position = close + 3
                return .cdata(contentStart..<close)
            } else if hasPrefix("<!DOCTYPE") {
                return .doctype(try doctype())
            } else if hasPrefix("<!") {
                throw malformed("unknown markup declaration '<!' outside the DOCTYPE")
            } else if hasPrefix("</") {
                let start = position
                position += 2
                let name = try self.name(what: "end tag")
                skipWhiteSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { throw malformed("an end tag is not closed by '>'") }
                position += 1
                return .endTag(name: name, start: start, end: position)
            } else {
                return try startTag()
            }
        }
        return .end
    }

    /// The 1-based line of `offset`, for messages (counts LF bytes; only called when something is reported).
    func line(at offset: Int) -> Int {
        bytes[0..<min(offset, bytes.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// `line N` of the current position.
    var location: String { "line \(line(at: position))" }

    /// A malformedSVG error at the current position.
    func malformed(_ reason: String) -> UnbakeError {
        UnbakeError(code: .malformedSVG, reason: reason, location: location)
    }

    // MARK: - Tags

    private mutating func startTag() throws(UnbakeError) -> Token {
        let start = position
        position += 1
        let name = try self.name(what: "start tag")
        attributes.removeAll(keepingCapacity: true)
        while true {
            let spaced = skipWhiteSpace()
            guard position < bytes.count else { throw malformed("the document ends inside a start tag (truncated?)") }
            switch bytes[position] {
            case UInt8(ascii: ">"):
                position += 1
                return .startTag(name: name, start: start, close: position - 1, end: position, selfClosing: false)
            case UInt8(ascii: "/"):
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
                    throw malformed("'/' inside a start tag not followed by '>'")
                }
                position += 2
                return .startTag(name: name, start: start, close: position - 2, end: position, selfClosing: true)
            default:
                guard spaced else { throw malformed("attributes must be separated by white space") }
                try attribute()
            }
        }
    }

    private mutating func attribute() throws(UnbakeError) {
        let name = try self.name(what: "attribute")
        skipWhiteSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw malformed("an attribute has no '=' and value") }
        position += 1
        skipWhiteSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw malformed("an attribute value is not quoted")
        }
        let quote = bytes[position]
        let valueStart = position + 1
        guard let valueEnd = bytes[valueStart...].firstIndex(of: quote) else { throw malformed("an attribute value is not closed") }
        // XML 1.0 section 3.1 (production AttValue): '<' may not appear in a value; seeing one means the quotes are off.
        if bytes[valueStart..<valueEnd].contains(UInt8(ascii: "<")) { throw malformed("an attribute value contains '<'") }
        attributes.append(Attribute(name: name, value: valueStart..<valueEnd))
        position = valueEnd + 1
    }

    /// A name: bytes up to white space or one of `/ > = < " '`; at least one byte.
    private mutating func name(what: String) throws(UnbakeError) -> Range<Int> {
        let start = position
        while position < bytes.count, !Self.endsName(bytes[position]) { position += 1 }
        guard position > start else { throw malformed("a \(what) has no name") }
        return start..<position
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "\""),
            UInt8(ascii: "'"):
            true
        default: false
        }
    }

    // MARK: - DOCTYPE

    /// `<!DOCTYPE name ExternalID? [internal subset]? >` (XML 1.0 section 2.8), judged without being applied.
    private mutating func doctype() throws(UnbakeError) -> XMLDoctype {
        var summary = XMLDoctype(line: line(at: position))
        position += 9
        while true {
            skipWhiteSpace()
            guard position < bytes.count else { throw malformed("the DOCTYPE is not closed by '>'") }
            switch bytes[position] {
            case UInt8(ascii: ">"):
                position += 1
                return summary
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                summary.hasExternalSubset = true
                try skipQuoted()
            case UInt8(ascii: "["):
                position += 1
                try internalSubset(&summary)
            default:
                _ = try name(what: "DOCTYPE")
            }
        }
    }

    /// The internal subset up to and including `]`: declarations are skipped, but entity declarations and
    /// parameter-entity references are noted (XML 1.0 section 2.8, production intSubset).
    private mutating func internalSubset(_ summary: inout XMLDoctype) throws(UnbakeError) {
        while true {
            skipWhiteSpace()
            guard position < bytes.count else { throw malformed("the DOCTYPE internal subset is not closed by ']'") }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return
            }
            if bytes[position] == UInt8(ascii: "%") {
                summary.referencesParameterEntity = true
                guard let semicolon = bytes[position...].firstIndex(of: UInt8(ascii: ";")) else {
                    throw malformed("a parameter-entity reference has no ';'")
                }
                position = semicolon + 1
            } else if hasPrefix("<!--") {
                position = try skip(past: "-->", what: "comment", from: position + 4)
            } else if hasPrefix("<?") {
                position = try skip(past: "?>", what: "processing instruction")
            } else if hasPrefix("<!") {
                if hasPrefix("<!ENTITY") { summary.declaresEntities = true }
                position += 2
                // A declaration ends at the first '>' outside quotes (quoted literals may hold '>').
                while true {
                    guard position < bytes.count else { throw malformed("a DOCTYPE declaration is not closed by '>'") }
                    let byte = bytes[position]
                    if byte == UInt8(ascii: ">") {
                        position += 1
                        break
                    }
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        try skipQuoted()
                    } else {
                        position += 1
                    }
                }
            } else {
                throw malformed("unexpected text in the DOCTYPE internal subset")
            }
        }
    }

    private mutating func skipQuoted() throws(UnbakeError) {
        let quote = bytes[position]
        guard let close = bytes[(position + 1)...].firstIndex(of: quote) else { throw malformed("a quoted literal in the DOCTYPE is not closed") }
        position = close + 1
    }

    // MARK: - Byte helpers

    @discardableResult
    private mutating func skipWhiteSpace() -> Bool {
        let start = position
        while position < bytes.count, Self.isWhiteSpace(bytes[position]) { position += 1 }
        return position > start
    }

    static func isWhiteSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func hasPrefix(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        return literal.withUTF8Buffer { bytes[position..<(position + count)].elementsEqual($0) }
    }

    private func find(_ literal: StaticString, from start: Int) -> Int? {
        literal.withUTF8Buffer { pattern -> Int? in
            guard let first = pattern.first else { return start }
            var candidate = start
            while let hit = bytes[candidate...].firstIndex(of: first) {
                guard bytes.count - hit >= pattern.count else { return nil }
                if bytes[hit..<(hit + pattern.count)].elementsEqual(pattern) { return hit }
                candidate = hit + 1
            }
            return nil
        }
    }

    private func skip(past terminator: StaticString, what: String, from start: Int? = nil) throws(UnbakeError) -> Int {
        guard let hit = find(terminator, from: start ?? position + 2) else { throw malformed("a \(what) is not closed by \(terminator)") }
        return hit + terminator.utf8CodeUnitCount
    }
}

/// What a DOCTYPE holds, as far as safety is concerned. endorse applies none of it: entities are never
/// declared, defaults never added, the external subset never read.
struct XMLDoctype {
    /// The 1-based line of `<!DOCTYPE`.
    var line: Int
    /// The internal subset has an `<!ENTITY` declaration (general or parameter, internal or external).
    var declaresEntities = false
    /// The internal subset references a parameter entity (`%name;`).
    var referencesParameterEntity = false
    /// A SYSTEM or PUBLIC identifier names an external subset (the SVG 1.1 DTD, usually); it is never read.
    var hasExternalSubset = false
}
