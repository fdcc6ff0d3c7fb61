/// Reading and writing N-Quads 1.1 (https://www.w3.org/TR/n-quads/), the line-based text form of an RDF dataset.
///
/// Writing produces the canonical N-Quads form RDFC-1.0 hashes and signs (RDFC-1.0 section 4.3 and the RDF 1.2
/// N-Quads "canonical form" the W3C rdf-canon test suite expects): one quad per line, terms separated by one space,
/// each line ending in `" .\n"`; IRIs as they are between `<` and `>`; in literals only `"`, `\`, and the control
/// characters escaped (`\b \t \n \f \r` as `ECHAR`, the other C0 controls and U+007F as `\u00XX` with upper-case hex);
/// `^^<…#string>` left out; language tags as written. An IRI holding a character IRIs may not contain (space, `<`,
/// `>`, `"`, `{`, `}`, `|`, `^`, `` ` ``, `\`, a control) is written with that character as `\u00XX`, so the output
/// is always readable N-Quads; valid IRIs never contain one.
public enum NQuads {
    /// The quads of N-Quads `text`, in document order (duplicates kept).
    ///
    /// Accepts the N-Quads 1.1 grammar: comments (`#` to the end of the line), blank lines, spaces and tabs between
    /// terms, `\n`, `\r` or `\r\n` line ends, `\u`/`\U` escapes in IRIs and literals and `ECHAR` escapes in literals.
    /// IRIs must be absolute (`scheme:`). Costs one pass over the text.
    /// - Throws: ``NQuadsError`` with the line and column of the first malformation.
    public static func parse(_ text: String) throws(NQuadsError) -> [RDFQuad] {
        var text = text
        var outcome: Result<[RDFQuad], NQuadsError> = .success([])
        text.withUTF8 { buffer in
            var parser = NQuadsParser(buffer)
            outcome = Result { () throws(NQuadsError) in try parser.parseDocument() }
        }
        return try outcome.get()
    }

    /// The quads of N-Quads text held as UTF-8 `bytes`, like ``parse(_:)``.
    /// - Throws: ``NQuadsError`` (``NQuadsError/Code/invalidUTF8`` first, if the bytes are not UTF-8).
    public static func parse(bytes: [UInt8]) throws(NQuadsError) -> [RDFQuad] {
        var outcome: Result<[RDFQuad], NQuadsError> = .success([])
        bytes.withUnsafeBufferPointer { buffer in
            outcome = Result { () throws(NQuadsError) in
                try NQuadsParser.validateUTF8(buffer)
                var parser = NQuadsParser(buffer)
                return try parser.parseDocument()
            }
        }
        return try outcome.get()
    }

    /// One quad as a canonical N-Quads line, ending in `" .\n"`; blank nodes keep their labels.
    public static func serialize(_ quad: RDFQuad) -> String {
        var bytes: [UInt8] = []
        appendQuad(quad, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Quads as N-Quads lines in the order given (duplicates kept, blank node labels kept).
    ///
    /// This is the canonical form of each line, not of the dataset: for the canonical dataset (relabelled blank
    /// nodes, sorted, without duplicates) use ``RDFCanonicalizer``.
    public static func serialize(_ quads: some Sequence<RDFQuad>) -> String {
        var bytes: [UInt8] = []
        for quad in quads { appendQuad(quad, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
