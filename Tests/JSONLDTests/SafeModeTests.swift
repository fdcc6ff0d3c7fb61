import JSONLD
import OpenBadges
import Testing

/// Safe mode refuses what plain JSON-LD processing drops silently: what a signature over the RDF would not cover.
@Suite struct SafeModeTests {
    static let context: JSONValue = .object([
        "name": .string("https://schema.org/name"), "knows": .object(["@id": .string("https://schema.org/knows"), "@type": .string("@id")]),
    ])

    static func document(_ members: [String: JSONValue]) -> JSONValue {
        var all = members
        all["@context"] = context
        return .object(all)
    }

    static let plain = JSONLDProcessor(loader: PinnedContexts())
    static let safe = JSONLDProcessor(loader: PinnedContexts(), options: JSONLDOptions(safeMode: true))

    @Test(arguments: [
        ["name": JSONValue.string("Ada"), "undefinedTerm": .string("not in the context")],
        ["@id": .string("relative-id"), "name": .string("Ada")],
        ["@type": .string("RelativeType"), "name": .string("Ada")],
        ["name": .string("Ada"), "knows": .string("relative reference")],
        ["name": .object(["@value": .string("Ada"), "@language": .string("not a tag!")])],
    ] as [[String: JSONValue]])
    func whatWouldBeDroppedIsRefused(members: [String: JSONValue]) throws {
        let document = Self.document(members)
        // Without safe mode the part is silently left out.
        _ = try Self.plain.toRDF(document)
        #expect(throws: JSONLDError(.safeModeViolation, "")) { try Self.safe.toRDF(document) }
    }

    @Test func aDocumentThatDropsNothingIsTheSameInSafeMode() throws {
        let document = Self.document(["@id": .string("https://people.example/ada"), "name": .string("Ada"), "knows": .string("https://people.example/bob")])
        #expect(try Self.safe.toRDF(document) == (try Self.plain.toRDF(document)))
        #expect(try Self.safe.toRDF(document).count == 2)
    }
}
