import Foundation
import JSONLD
import OpenBadges
import Testing

/// Hostile documents end with a named error, in bounded time, without crashing.
struct LimitsTests {
    private static func object(_ members: [String: JSONValue]) -> JSONValue { .object(members) }

    /// Serves `https://example.org/chain/N` as a context that loads `…/N+1`, for any N: an endless chain.
    struct EndlessChainLoader: DocumentLoader {
        func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument {
            guard let number = Int(url.split(separator: "/").last ?? "") else {
                throw JSONLDError(.loadingRemoteContextFailed, "no \(url)")
            }
            let next = "https://example.org/chain/\(number + 1)"
            return RemoteDocument(documentURL: url, document: .object(["@context": .string(next)]))
        }
    }

    @Test func contextIncludingItselfOverflows() {
        let url = "https://example.org/self"
        let loader = FixedLoader(documents: [url: Self.object(["@context": .string(url)])])
        let document = Self.object(["@context": .string(url), "http://example.org/p": .string("x")])
        #expect(throws: JSONLDError(.contextOverflow, "")) { try JSONLD.expand(document, loader: loader) }
    }

    @Test func contextsIncludingEachOtherOverflow() {
        let a = "https://example.org/a"
        let b = "https://example.org/b"
        let loader = FixedLoader(documents: [
            a: Self.object(["@context": .array([.string(b), Self.object(["x": .string("http://example.org/x")])])]),
            b: Self.object(["@context": .string(a)]),
        ])
        #expect(throws: JSONLDError(.contextOverflow, "")) {
            try JSONLD.toRDF(Self.object(["@context": .string(a)]), loader: loader)
        }
    }

    @Test func tenThousandChainedContextsOverflowQuickly() {
        let started = ContinuousClock.now
        let document = Self.object(["@context": .string("https://example.org/chain/0")])
        #expect(throws: JSONLDError(.contextOverflow, "")) { try JSONLD.expand(document, loader: EndlessChainLoader()) }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func deeplyNestedScopedContextsOverflow() throws {
        // 900 levels of `{"t": {"@id": …, "@context": {"t": …}}}`, parsed from text as a document would be.
        var text = "\"http://example.org/t\""
        for _ in 0..<300 { text = "{\"t\": {\"@id\": \"http://example.org/t\", \"@context\": \(text)}}" }
        let context = try JSONValue.parse(bytes: Array(text.utf8), maxDepth: 1000)
        let document = Self.object(["@context": context, "t": .string("x")])
        #expect(throws: JSONLDError(.contextOverflow, "")) { try JSONLD.expand(document, loader: FixedLoader(documents: [:])) }
    }

    @Test func branchingScopedContextsHitTheWorkLimit() {
        // Context i defines five terms whose scoped context is context i+1: validating them naively costs 5^depth.
        var documents: [String: JSONValue] = [:]
        for level in 0..<30 {
            var terms: [String: JSONValue] = [:]
            for term in 0..<5 {
                terms["t\(term)"] = Self.object([
                    "@id": .string("http://example.org/t\(term)"),
                    "@context": .string("https://example.org/ctx/\(level + 1)"),
                ])
            }
            documents["https://example.org/ctx/\(level)"] = Self.object(["@context": .object(terms)])
        }
        documents["https://example.org/ctx/30"] = Self.object(["@context": .object([:])])
        let started = ContinuousClock.now
        let document = Self.object(["@context": .string("https://example.org/ctx/0"), "t0": .string("x")])
        var limits = JSONLDLimits()
        limits.maxWork = 50_000
        do {
            _ = try JSONLD.expand(document, options: JSONLDOptions(limits: limits), loader: FixedLoader(documents: documents))
            Issue.record("expected a limit error")
        } catch {
            #expect(error.code == .workLimitExceeded || error.code == .contextOverflow)
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func millionItemListIsBounded() {
        let items = JSONValue.array((0..<1_000_000).map { .number(Double($0)) })
        let document = Self.object([
            "@context": Self.object(["l": Self.object(["@id": .string("http://example.org/l"), "@container": .string("@list")])]),
            "l": items,
        ])
        let started = ContinuousClock.now
        #expect(throws: JSONLDError(.workLimitExceeded, "")) { try JSONLD.toRDF(document, loader: FixedLoader(documents: [:])) }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func longListWithinTheLimitsConverts() throws {
        let document = Self.object([
            "@context": Self.object(["l": Self.object(["@id": .string("http://example.org/l"), "@container": .string("@list")])]),
            "@id": .string("http://example.org/s"),
            "l": .array((0..<10_000).map { .number(Double($0)) }),
        ])
        let quads = try JSONLD.toRDF(document, loader: FixedLoader(documents: [:]))
        #expect(quads.count == 1 + 2 * 10_000)
    }

    @Test(arguments: [true, false])
    func deepNestingIsRefused(arrays: Bool) throws {
        var text = "\"leaf\""
        for _ in 0..<1000 { text = arrays ? "[\(text)]" : "{\"http://example.org/p\": \(text)}" }
        let document = try JSONValue.parse(bytes: Array(text.utf8), maxDepth: 1024)
        let wrapped = arrays ? Self.object(["http://example.org/p": document]) : document
        #expect(throws: JSONLDError(.workLimitExceeded, "")) { try JSONLD.toRDF(wrapped, loader: FixedLoader(documents: [:])) }
    }

    @Test func manyInlineContextsHitTheWorkLimit() {
        let contexts = JSONValue.array((0..<10_000).map { Self.object(["t\($0)": .string("http://example.org/t\($0)")]) })
        var limits = JSONLDLimits()
        limits.maxWork = 5_000
        #expect(throws: JSONLDError(.workLimitExceeded, "")) {
            try JSONLD.expand(Self.object(["@context": contexts]), options: JSONLDOptions(limits: limits), loader: FixedLoader(documents: [:]))
        }
    }

    @Test func iriWithSpacesExpandsButMakesNoTriple() throws {
        let document = Self.object([
            "@id": .string("http://example.org/a b"),
            "http://example.org/p": Self.object(["@id": .string("c d")]),
            "http://example.org/q": .string("kept?"),
        ])
        let loader = FixedLoader(documents: [:])
        let expanded = try JSONLD.expand(document, documentURL: "http://example.org/doc", loader: loader)
        #expect(expanded.first?["@id"] == .string("http://example.org/a b"))
        #expect(expanded.first?["http://example.org/p"]?.values.first?["@id"] == .string("http://example.org/c d"))
        #expect(try JSONLD.toRDF(document, documentURL: "http://example.org/doc", loader: loader).isEmpty)
    }

    @Test func unknownRemoteContextIsNamed() {
        let document = Self.object(["@context": .string("https://example.org/unknown")])
        #expect(throws: JSONLDError(.loadingRemoteContextFailed, "")) { try JSONLD.expand(document, loader: FixedLoader(documents: [:])) }
    }
}
