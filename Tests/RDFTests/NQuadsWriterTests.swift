import RDF
import Testing

/// Canonical N-Quads writing (RDFC-1.0 section 4.3 / RDF 1.2 canonical N-Quads) and round trips through the reader.
struct NQuadsWriterTests {
    @Test func writesEachTermKindInCanonicalForm() {
        let subject = RDFTerm.iri("https://example.org/s")
        let predicate = RDFTerm.iri("https://example.org/p")
        let cases: [(RDFQuad, String)] = [
            (
                RDFQuad(subject: subject, predicate: predicate, object: .iri("https://example.org/o")),
                "<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n"
            ),
            (
                RDFQuad(subject: .blankNode("b0"), predicate: predicate, object: .literal(RDFLiteral("plain")), graph: .blankNode("g")),
                "_:b0 <https://example.org/p> \"plain\" _:g .\n"
            ),
            (
                RDFQuad(subject: subject, predicate: predicate, object: .literal(RDFLiteral("x", datatype: RDFLiteral.xsdString))),
                "<https://example.org/s> <https://example.org/p> \"x\" .\n"
            ),
            (
                RDFQuad(subject: subject, predicate: predicate, object: .literal(RDFLiteral("Hallo", language: "de-CH"))),
                "<https://example.org/s> <https://example.org/p> \"Hallo\"@de-CH .\n"
            ),
            (
                RDFQuad(
                    subject: subject, predicate: predicate, object: .literal(RDFLiteral("1", datatype: "http://www.w3.org/2001/XMLSchema#integer")),
                    graph: .iri("https://example.org/g")),
                "<https://example.org/s> <https://example.org/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> <https://example.org/g> .\n"
            ),
        ]
        for (quad, line) in cases { #expect(NQuads.serialize(quad) == line) }
    }

    @Test func escapesOnlyQuoteBackslashAndControlsInLiterals() {
        let lexical = "\"\\\n\r\t\u{8}\u{C}\u{0}\u{B}\u{1F}\u{7F}\u{80}é∞🌃'<>"
        let line = NQuads.serialize(RDFQuad(subject: .iri("urn:ex:s"), predicate: .iri("urn:ex:p"), object: .literal(RDFLiteral(lexical))))
        #expect(line == "<urn:ex:s> <urn:ex:p> \"\\\"\\\\\\n\\r\\t\\b\\f\\u0000\\u000B\\u001F\\u007F\u{80}é∞🌃'<>\" .\n")
    }

    @Test func writesValidIRIsAsTheyAreAndEscapesCharactersNoIRIMayHold() {
        let valid = NQuads.serialize(RDFQuad(subject: .iri("urn:ex:∞?a=b#c"), predicate: .iri("urn:ex:p"), object: .iri("urn:ex:o")))
        #expect(valid == "<urn:ex:∞?a=b#c> <urn:ex:p> <urn:ex:o> .\n")
        // An IRI smuggling N-Quads syntax stays one term; the reader then refuses it as the invalid IRI it is.
        let hostile = RDFQuad(subject: .iri("urn:ex:s> <urn:ex:evil"), predicate: .iri("urn:ex:p"), object: .iri("urn:ex:a b\"{}|^`\\"))
        let line = NQuads.serialize(hostile)
        #expect(
            line == "<urn:ex:s\\u003E\\u0020\\u003Curn:ex:evil> <urn:ex:p> <urn:ex:a\\u0020b\\u0022\\u007B\\u007D\\u007C\\u005E\\u0060\\u005C> .\n")
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(throws: NQuadsError.self) { try NQuads.parse(line) }
    }

    @Test func serialisesADatasetLineByLineInTheOrderGiven() {
        let quads = [
            RDFQuad(subject: .iri("urn:ex:b"), predicate: .iri("urn:ex:p"), object: .blankNode("x")),
            RDFQuad(subject: .iri("urn:ex:a"), predicate: .iri("urn:ex:p"), object: .blankNode("x")),
            RDFQuad(subject: .iri("urn:ex:a"), predicate: .iri("urn:ex:p"), object: .blankNode("x")),
        ]
        #expect(NQuads.serialize(quads) == "<urn:ex:b> <urn:ex:p> _:x .\n<urn:ex:a> <urn:ex:p> _:x .\n<urn:ex:a> <urn:ex:p> _:x .\n")
        #expect(NQuads.serialize([RDFQuad]()) == "")
    }

    /// Datasets whose every term survives write → read unchanged.
    static let roundTrips: [String] = [
        "<urn:ex:s> <urn:ex:p> <urn:ex:o> .\n",
        "_:a <urn:ex:p> _:b _:c .\n",
        "<urn:ex:s> <urn:ex:p> \"multi\\nline \\\"quoted\\\" \\\\ tab\\t\" <urn:ex:g> .\n",
        "<urn:ex:s> <urn:ex:p> \"\\u0000\\u0001\\b\\f\\u007F\"@en-GB .\n",
        "<urn:ex:é> <urn:ex:p> \"∞ 🌃\"^^<urn:ex:∞> .\n",
        "<urn:ex:s> <urn:ex:p> \"\" .\n<urn:ex:s> <urn:ex:p> \"\"@x .\n",
    ]

    @Test(arguments: roundTrips)
    func canonicalTextRoundTripsExactly(_ text: String) throws {
        let quads = try NQuads.parse(text)
        #expect(NQuads.serialize(quads) == text)
        #expect(try NQuads.parse(NQuads.serialize(quads)) == quads)
    }

    @Test func nonCanonicalInputIsWrittenCanonically() throws {
        let quads = try NQuads.parse("<urn:ex:\\u0073>\t<urn:ex:p>   \"\\u0041\\'\\U0001F303\"^^<http://www.w3.org/2001/XMLSchema#string>.# c")
        #expect(NQuads.serialize(quads) == "<urn:ex:s> <urn:ex:p> \"A'🌃\" .\n")
    }
}
