import RDF
import Testing

/// N-Quads 1.1 reading: the grammar's escapes, comments and line ends, and a named error with its line for each kind
/// of malformation.
struct NQuadsReaderTests {
    @Test func readsTermsOfEveryKind() throws {
        let quads = try NQuads.parse(
            """
            <https://example.org/s> <https://example.org/p> <https://example.org/o> .
            _:b0 <https://example.org/p> "plain" <https://example.org/g> .
            _:b0 <https://example.org/p> "chat"@fr-BE _:g1 .
            <https://example.org/s> <https://example.org/p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <https://example.org/s> <https://example.org/p> "typed string"^^<http://www.w3.org/2001/XMLSchema#string> .
            """)
        #expect(quads.count == 5)
        #expect(
            quads[0]
                == RDFQuad(subject: .iri("https://example.org/s"), predicate: .iri("https://example.org/p"), object: .iri("https://example.org/o")))
        #expect(quads[1].subject == .blankNode("b0"))
        #expect(quads[1].graph == .iri("https://example.org/g"))
        #expect(quads[2].object == .literal(RDFLiteral("chat", language: "fr-BE")))
        #expect(quads[2].graph == .blankNode("g1"))
        #expect(quads[3].object == .literal(RDFLiteral("5", datatype: "http://www.w3.org/2001/XMLSchema#integer")))
        #expect(quads[4].object == .literal(RDFLiteral("typed string")))
    }

    @Test func decodesEscapesInLiteralsAndIRIs() throws {
        let quads = try NQuads.parse(
            #"<urn:ex:\u00E9t\U0001F303> <urn:ex:p> "tab\tnl\nret\rbs\bff\fq\"a\'bs\\ \u221E \U0001F303" ."#)
        #expect(quads[0].subject == .iri("urn:ex:ét🌃"))
        #expect(quads[0].object == .literal(RDFLiteral("tab\tnl\nret\rbs\u{8}ff\u{C}q\"a'bs\\ ∞ 🌃")))
    }

    @Test func skipsCommentsBlankLinesAndAcceptsEveryLineEnd() throws {
        let text =
            "# a comment\r\n\n  \t\n<urn:ex:s> <urn:ex:p> \"#not a comment\" . # trailing comment\r<urn:ex:s>\t<urn:ex:p>\t<urn:ex:o>.\n\n<urn:ex:s><urn:ex:p>_:x."
        let quads = try NQuads.parse(text)
        #expect(quads.count == 3)
        #expect(quads[0].object == .literal(RDFLiteral("#not a comment")))
        #expect(quads[2].object == .blankNode("x"))
    }

    @Test func readsBlankNodeLabelsWithDotsAndNonASCII() throws {
        let quads = try NQuads.parse("_:a.b.c <urn:ex:p> _:été_1 .\n_:0dot <urn:ex:p> _:x-y·z.")
        #expect(quads[0].subject == .blankNode("a.b.c"))
        #expect(quads[0].object == .blankNode("été_1"))
        #expect(quads[1].subject == .blankNode("0dot"))
        #expect(quads[1].object == .blankNode("x-y·z"))
    }

    @Test func readsBytesAndRejectsInvalidUTF8WithItsLine() throws {
        let good = Array("<urn:ex:s> <urn:ex:p> \"é\" .\n".utf8)
        #expect(try NQuads.parse(bytes: good).first?.object == .literal(RDFLiteral("é")))
        let bad = Array("<urn:ex:s> <urn:ex:p> \"a\" .\n<urn:ex:s> <urn:ex:p> \"".utf8) + [0xC3, 0x28] + Array("\" .\n".utf8)
        let error = try #require(throws: NQuadsError.self) { try NQuads.parse(bytes: bad) }
        #expect(error.code == .invalidUTF8)
        #expect(error.line == 2)
        #expect(error.column == 24)
    }

    /// One malformed document per row: the expected code and line.
    struct Malformed: Sendable, CustomTestStringConvertible {
        var text: String
        var code: NQuadsError.Code
        var line: Int
        var testDescription: String { "\(code) line \(line)" }
    }

    static let malformed: [Malformed] = [
        Malformed(text: "<urn:ex:s> <urn:ex:p> <urn:ex:o> .\n<urn:ex:s> <urn:ex:p> <urn:ex o> .", code: .invalidIRI, line: 2),
        Malformed(text: "<urn:ex:s> <urn:ex:p> <relative/path> .", code: .invalidIRI, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> <urn:ex:o .", code: .invalidIRI, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> <urn:ex:\\u003E> .", code: .invalidIRI, line: 1),
        Malformed(text: "\n\n<urn:ex:s> <urn:ex:p> \"open .", code: .unterminatedLiteral, line: 3),
        Malformed(text: "<urn:ex:s> <urn:ex:p> \"line\nbreak\" .", code: .unterminatedLiteral, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> \"bad \\x escape\" .", code: .invalidEscape, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> \"short \\u12\" .", code: .invalidEscape, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> \"surrogate \\uD800\" .", code: .invalidEscape, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> \"big \\U00110000\" .", code: .invalidEscape, line: 1),
        Malformed(text: "<urn:ex:\\n> <urn:ex:p> <urn:ex:o> .", code: .invalidEscape, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> <urn:ex:o>\n", code: .missingDot, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> <urn:ex:o> <urn:ex:g> <urn:ex:h> .", code: .missingDot, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> <urn:ex:o> . <urn:ex:s> <urn:ex:p> <urn:ex:o> .", code: .trailingContent, line: 1),
        Malformed(text: "\"literal\" <urn:ex:p> <urn:ex:o> .", code: .unexpectedTerm, line: 1),
        Malformed(text: "<urn:ex:s> _:p <urn:ex:o> .", code: .unexpectedTerm, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> <urn:ex:o> \"graph\" .", code: .unexpectedTerm, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> .", code: .unexpectedTerm, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> urn:ex:o .", code: .unexpectedTerm, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> \"x\"^<urn:ex:t> .", code: .unexpectedTerm, line: 1),
        Malformed(text: "_:-bad <urn:ex:p> <urn:ex:o> .", code: .invalidBlankNodeLabel, line: 1),
        Malformed(text: "_x <urn:ex:p> <urn:ex:o> .", code: .invalidBlankNodeLabel, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> \"x\"@ .", code: .invalidLanguageTag, line: 1),
        Malformed(text: "<urn:ex:s> <urn:ex:p> \"x\"@en- .", code: .invalidLanguageTag, line: 1),
        Malformed(text: "\u{FEFF}<urn:ex:s> <urn:ex:p> <urn:ex:o> .", code: .unexpectedTerm, line: 1),
    ]

    @Test(arguments: malformed)
    func malformedInputNamesItsErrorAndLine(_ example: Malformed) {
        #expect {
            try NQuads.parse(example.text)
        } throws: { error in
            guard let error = error as? NQuadsError else { return false }
            return error.code == example.code && error.line == example.line
        }
    }

    @Test func errorDescriptionNamesLineColumnAndCode() throws {
        let error = try #require(throws: NQuadsError.self) { try NQuads.parse("<urn:ex:s> <urn:ex:p> <urn:ex:o>") }
        #expect(error.description.hasPrefix("N-Quads line 1, column 33: missingDot:"))
    }

    // MARK: - Hostile input

    @Test func readsAOneMegabyteLiteral() throws {
        let big = String(repeating: "x\\n\\u00E9", count: 120_000)
        let quads = try NQuads.parse("<urn:ex:s> <urn:ex:p> \"\(big)\" .")
        guard case .literal(let literal) = quads.first?.object else {
            Issue.record("no literal")
            return
        }
        #expect(literal.lexicalForm.unicodeScalars.count == 360_000)
    }

    @Test func readsManyLinesAndLongLabelsInLinearTime() throws {
        let label = String(repeating: "a.", count: 50_000) + "z"
        var text = "_:\(label) <urn:ex:p> <urn:ex:o> .\n"
        for index in 0..<20_000 { text += "_:n\(index) <urn:ex:p> _:n\(index + 1) .\n" }
        let started = ContinuousClock.now
        let quads = try NQuads.parse(text)
        #expect(quads.count == 20_001)
        #expect(quads[0].subject == .blankNode(label))
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func oddBytesAreErrorsNotCrashes() {
        let inputs: [[UInt8]] = [
            [0x00], [0x3C], [0x5F, 0x3A], [0x22], [0x5C], Array("<urn:ex:s> <urn:ex:p> \"\\".utf8), Array("<urn:ex:s> <urn:ex:p> \"x\"^^".utf8),
            Array("<urn:ex:s> <urn:ex:p> \"x\"@".utf8), [0xFF, 0xFE], [0xE2, 0x82], Array(repeating: 0x3C, count: 10_000),
        ]
        for input in inputs {
            #expect(throws: NQuadsError.self) { try NQuads.parse(bytes: input) }
        }
    }
}
