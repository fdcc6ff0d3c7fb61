import JSONLD
import OpenBadges
import RDF
import Testing

/// toRdf literal forms (JSON-LD 1.1 API section 8.2) and the context cache.
struct RDFConversionTests {
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    private func objects(of value: JSONValue, type: String? = nil) throws -> RDFTerm? {
        var property: [String: JSONValue] = ["@value": value]
        if let type { property["@type"] = .string(type) }
        let document: JSONValue = .object(["@id": .string("http://example.org/s"), "http://example.org/p": .object(property)])
        return try JSONLD.toRDF(document, loader: FixedLoader(documents: [:])).first?.object
    }

    @Test(arguments: [
        (JSONValue.number(1.1), nil as String?, "1.1E0", "double"), (.number(53), xsd + "double", "5.3E1", "double"),
        (.number(1e21), nil, "1.0E21", "double"), (.number(1e20), nil, "100000000000000000000", "integer"),
        (.number(-0.0), nil, "0", "integer"), (.number(42), nil, "42", "integer"), (.bool(true), nil, "true", "boolean"),
        (.number(-1.5e-7), nil, "-1.5E-7", "double"),
    ])
    func numbersAndBooleans(value: JSONValue, type: String?, lexical: String, datatype: String) throws {
        let object = try objects(of: value, type: type)
        #expect(object == .literal(RDFLiteral(lexical, datatype: type ?? Self.xsd + datatype)))
    }

    @Test func jsonLiteralIsCanonical() throws {
        let document: JSONValue = .object([
            "@context": .object(["j": .object(["@id": .string("http://example.org/j"), "@type": .string("@json")])]),
            "@id": .string("http://example.org/s"),
            "j": .object(["b": .array([.number(1.0), .string("é\n")]), "a": .null]),
        ])
        let quads = try JSONLD.toRDF(document, loader: FixedLoader(documents: [:]))
        #expect(
            quads.first?.object
                == .literal(RDFLiteral("{\"a\":null,\"b\":[1,\"é\\n\"]}", datatype: "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")))
    }

    @Test func cachedContextsGiveTheSameQuads() throws {
        let contextURL = "https://example.org/ctx"
        let loader = FixedLoader(documents: [
            contextURL: .object([
                "@context": .object([
                    "Thing": .object([
                        "@id": .string("http://example.org/Thing"), "@context": .object(["name": .string("http://example.org/thingName")]),
                    ]),
                    "name": .string("http://example.org/name"),
                    "knows": .object(["@id": .string("http://example.org/knows"), "@type": .string("@id")]),
                ])
            ])
        ])
        let document: JSONValue = .object([
            "@context": .array([.string(contextURL), .object(["extra": .string("http://example.org/extra")])]),
            "@id": .string("http://example.org/a"),
            "@type": .string("Thing"),
            "name": .string("typed"),
            "extra": .string("x"),
            "knows": .object(["@id": .string("http://example.org/b"), "name": .string("untyped")]),
        ])
        let processor = JSONLDProcessor(loader: loader)
        let first = try processor.toRDF(document)
        let stored = processor.cache.count
        let second = try processor.toRDF(document)
        #expect(first == second)
        #expect(stored > 0 && processor.cache.count == stored)
        #expect(first.contains { $0.predicate == .iri("http://example.org/thingName") })
        #expect(first.contains { $0.predicate == .iri("http://example.org/name") })
        let uncached = try JSONLD.toRDF(document, loader: loader)
        #expect(Set(uncached) == Set(first))
    }

    @Test func processorIsSafeToShare() async throws {
        let loader = FixedLoader(documents: [
            "https://example.org/ctx": .object(["@context": .object(["name": .string("http://example.org/name")])])
        ])
        let processor = JSONLDProcessor(loader: loader, cache: JSONLDContextCache(capacity: 4))
        let expected = try processor.toRDF(.object(["@context": .string("https://example.org/ctx"), "name": .string("n0")]))
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<200 {
                        let quads = try processor.toRDF(.object(["@context": .string("https://example.org/ctx"), "name": .string("n0")]))
                        if quads.count != expected.count { return false }
                    }
                    return true
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}
