import JSONLD
import OpenBadges
import RDF
import Testing

/// toRdf returns a set of quads: every way the walk can meet one triple twice gives it once, in first-met order.
struct DuplicateQuadTests {
    static let ex = "http://example.org/"

    private func quads(_ document: JSONValue) throws -> [RDFQuad] {
        try JSONLD.toRDF(document, loader: FixedLoader(documents: [:]))
    }

    private func expectNoDuplicates(_ quads: [RDFQuad]) {
        #expect(Set(quads).count == quads.count)
    }

    @Test func aNodeDescribedTwiceGivesItsTriplesOnce() throws {
        let node: JSONValue = .object(["@id": .string(Self.ex + "n"), Self.ex + "name": .string("N")])
        let result = try quads(.array([node, .object(["@id": .string(Self.ex + "m"), Self.ex + "knows": .array([node, node])]), node]))
        expectNoDuplicates(result)
        #expect(result.count == 2)
    }

    @Test func repeatedValuesAndBlankNodeReferencesCountOnce() throws {
        let result = try quads(.object([
            Self.ex + "p": .array([.string("a"), .string("a"), .object(["@id": .string("_:x")]), .object(["@id": .string("_:x")])]),
            "@type": .array([.string(Self.ex + "T"), .string(Self.ex + "T")]),
        ]))
        expectNoDuplicates(result)
        #expect(result.count == 3)
    }

    @Test func rdfTypeAsAPropertyMeetsTheTypeTriple() throws {
        let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
        let result = try quads(.object([
            "@id": .string(Self.ex + "s"), "@type": .string(Self.ex + "T"), rdfType: .object(["@id": .string(Self.ex + "T")]),
        ]))
        #expect(result == [RDFQuad(subject: .iri(Self.ex + "s"), predicate: .iri(rdfType), object: .iri(Self.ex + "T"))])
    }

    @Test func aReverseTripleMeetsTheSameForwardTriple() throws {
        // The nameless node states `p <parent>` itself and through the parent's @reverse: one blank subject, one triple.
        let result = try quads(.object([
            "@id": .string(Self.ex + "parent"),
            "@reverse": .object([Self.ex + "p": .object([Self.ex + "p": .object(["@id": .string(Self.ex + "parent")])])]),
        ]))
        #expect(result.count == 1)
        #expect(result.first?.object == .iri(Self.ex + "parent"))
    }

    @Test func manyValuesOfOneSubjectStayDistinctInFirstMetOrder() throws {
        // Past the collector's linear limit its group moves to a hash set: order and distinctness must not change.
        let values = (0..<200).map { JSONValue.string("v\($0 % 70)") }
        let result = try quads(.object(["@id": .string(Self.ex + "s"), Self.ex + "p": .array(values)]))
        expectNoDuplicates(result)
        #expect(result.map(\.object) == (0..<70).map { .literal(RDFLiteral("v\($0)")) })
    }

    @Test func theSameTripleInTwoGraphsIsTwoQuads() throws {
        let triple: JSONValue = .object(["@id": .string(Self.ex + "s"), Self.ex + "p": .string("o")])
        let result = try quads(.array([
            triple, .object(["@id": .string(Self.ex + "g"), "@graph": .array([triple, triple])]),
        ]))
        expectNoDuplicates(result)
        #expect(result.count == 2)
        #expect(Set(result.map(\.graph)) == [nil, .iri(Self.ex + "g")])
    }
}
