import Foundation
import OpenBadges
import SharedMaterial
import Testing

@testable import JSONLD

/// The pinned-context loader: what it serves (a copy meaning exactly the shared conformance copy, under the hash it
/// pins) and everything it refuses.
struct PinnedContextsTests {
    /// INDEX.json URLs endorse does not ship, each with why: no public upstream copy whose parsed JSON equals the
    /// shared copy was found (the reason names what the closest upstream version differs in). Each must be refused
    /// like any unknown context; a URL that stops being pinned without being listed here fails the suite.
    /// Pinned contexts whose JSON differs from the shared copy, by the top-level terms the shipped one lacks.
    static let shippedWithout: [String: Set<String>] = [
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": ["endorsementJwt"]
    ]

    static let notShipped: [String: String] = [
        "https://w3id.org/openbadges/v2":
            "closest upstream (1EdTech/openbadges-specification@862c4873 ob_v2p0/v2/context.json) maps targetFramework to "
            + "schema:targetFramework, not schema:educationalFramework",
    ]

    private struct IndexedContext {
        let url: String
        let file: String
        let alternates: [String]
    }

    /// `conformance/contexts/INDEX.json`, read in place.
    private static func sharedIndex() throws -> [IndexedContext] {
        let index = try JSONValue.parse(bytes: SharedMaterial.bytes("conformance/contexts/INDEX.json"))
        let contexts = try #require(index["contexts"]?.object)
        return try contexts.keys.sorted().map { url in
            let entry = try #require(contexts[url])
            let alternates = (entry["alternates"]?.values ?? []).compactMap { $0["file"]?.string }
            return IndexedContext(url: url, file: try #require(entry["file"]?.string), alternates: alternates)
        }
    }

    private static func sharedJSON(_ file: String) throws -> JSONValue {
        try JSONValue.parse(bytes: SharedMaterial.bytes("conformance/contexts/\(file)"))
    }

    private func expectRefused(_ url: String, by loader: PinnedContexts = PinnedContexts(), sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let document = try loader.loadDocument(url)
            Issue.record("\(url) was served (as \(document.documentURL)) but must be refused", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .loadingRemoteContextFailed, sourceLocation: sourceLocation)
            #expect(error.reason.contains("'\(url)'"), "reason '\(error.reason)' does not name '\(url)'", sourceLocation: sourceLocation)
        }
    }

    // MARK: What is served

    /// Every shipped resource is in the bundle and has the SHA-256 its entry pins: loaded through the loader's own
    /// table (missing, hash mismatch or not JSON would be recorded there as the reason it is not served).
    @Test(arguments: PinnedContexts.index)
    func shippedResourceHasItsPinnedHash(_ entry: PinnedContexts.Entry) throws {
        let table = PinnedContextTable(entries: [entry], read: PinnedContexts.bundledResource(named:))
        let result = try #require(table.documents[entry.url])
        switch result {
        case .success(let document):
            #expect(document.documentURL == entry.url)
        case .failure(let error):
            Issue.record("\(entry.url): \(error.reason)")
        }
    }

    /// Every INDEX.json URL is either served, with a document whose parsed JSON equals the shared copy's (bytes may
    /// differ: whitespace, key order, line ends), or listed in ``notShipped`` and refused.
    @Test(.needsSharedMaterial) func everyIndexedContextIsServedOrListedAsNotShipped() throws {
        let indexed = try Self.sharedIndex()
        #expect(indexed.count == 20)
        let pinned = Dictionary(uniqueKeysWithValues: PinnedContexts.index.map { ($0.url, $0) })
        var served = 0
        var byteIdentical = 0
        for context in indexed {
            if let reason = Self.notShipped[context.url] {
                #expect(pinned[context.url] == nil, "\(context.url) is pinned but listed as not shipped (\(reason))")
                expectRefused(context.url)
                continue
            }
            let entry = try #require(pinned[context.url], "\(context.url) is neither pinned nor listed as not shipped")
            let document = try PinnedContexts().loadDocument(context.url)
            #expect(document.documentURL == context.url)
            var expected = try Self.sharedJSON(context.file)
            if let missing = Self.shippedWithout[context.url], case .object(var members) = expected, case .object(var terms)? = members["@context"] {
                for term in missing { terms[term] = nil }
                members["@context"] = .object(terms)
                expected = .object(members)
            }
            #expect(document.document == expected, "\(context.url): served JSON differs from the shared copy")
            let shipped = try #require(PinnedContexts.bundledResource(named: entry.resource))
            if shipped == (try SharedMaterial.bytes("conformance/contexts/\(context.file)")) { byteIdentical += 1 }
            served += 1
        }
        print(
            "pinned contexts: \(served)/\(indexed.count) served (\(byteIdentical) byte-identical to the shared copy), "
                + "\(Self.notShipped.count) not shipped")
        #expect(served + Self.notShipped.count == indexed.count)
        #expect(Set(pinned.keys).isSubset(of: Set(indexed.map(\.url))), "pinned URLs not in INDEX.json")
        #expect(Set(Self.notShipped.keys).isSubset(of: Set(indexed.map(\.url))), "notShipped lists URLs not in INDEX.json")
    }

    /// An `alternates` copy that means something else than the primary (OB 3.0.3 without `endorsementJwt` and `jti`,
    /// the older Ed25519 2020 context, OB 2.0's `targetFramework`) is never what is served; an alternate meaning the
    /// same as the primary may be the shipped copy. A URL named after an alternate file is unknown.
    @Test(.needsSharedMaterial) func alternatesThatDifferAreNotServed() throws {
        for context in try Self.sharedIndex() where !context.alternates.isEmpty {
            for alternate in context.alternates {
                let variantURL =
                    "https://"
                    + alternate.replacingOccurrences(of: "alternates/", with: "")
                    .replacingOccurrences(of: "_", with: "/")
                expectRefused(variantURL)
                guard PinnedContexts.index.contains(where: { $0.url == context.url }) else { continue }
                let alternateJSON = try Self.sharedJSON(alternate)
                if alternateJSON != (try Self.sharedJSON(context.file)) {
                    let served = try PinnedContexts().loadDocument(context.url).document
                    #expect(served != alternateJSON, "\(context.url) serves the alternate \(alternate)")
                }
            }
        }
    }

    @Test func everyPinnedContextLoadsAndIsAContext() throws {
        try PinnedContexts.verifyResources()
        #expect(PinnedContexts.servedURLs.count == PinnedContexts.index.count)
        #expect(Set(PinnedContexts.index.map(\.resource)).count == PinnedContexts.index.count)
        for url in PinnedContexts.servedURLs {
            let document = try PinnedContexts().loadDocument(url)
            #expect(document.documentURL == url)
            #expect(document.document["@context"] != nil, "\(url) has no @context")
        }
    }

    /// The table is built once: every load returns the same parsed value, also from many tasks at once.
    @Test func concurrentLoadsShareOneParse() async throws {
        let url = "https://www.w3.org/ns/credentials/v2"
        let first = try PinnedContexts().loadDocument(url)
        let results = try await withThrowingTaskGroup(of: RemoteDocument.self) { group in
            for _ in 0..<64 {
                group.addTask { try PinnedContexts().loadDocument(url) }
            }
            return try await group.reduce(into: [RemoteDocument]()) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 == first })
    }

    @Test(.timeLimit(.minutes(1))) func loadsAreCheapAfterTheFirst() throws {
        let loader = PinnedContexts()
        for _ in 0..<100_000 {
            _ = try loader.loadDocument("https://www.w3.org/2018/credentials/v1")
        }
    }

    // MARK: What is refused

    @Test(arguments: [
        "https://example.com/contexts/v1", "https://w3id.org/security/v2", "https://www.w3.org/ns/activitystreams", "",
        "not a url", "https://www.w3.org/2018/credentials/v2", "file:///etc/passwd",
    ])
    func unknownURLIsRefusedByName(_ url: String) {
        expectRefused(url)
    }

    /// Exact match only: no scheme, slash, case, suffix, query or fragment variant of a pinned URL is served. None
    /// of these contexts is published as the same document under such a variant, and a signature made from a
    /// variant's document covers whatever that URL served.
    @Test func variantsOfPinnedURLsAreRefused() {
        for url in PinnedContexts.servedURLs {
            var variants = [
                url.replacingOccurrences(of: "https://", with: "http://"),
                url.hasSuffix("/") ? String(url.dropLast()) : url + "/",
                url.uppercased(),
                url.replacingOccurrences(of: "https://www.", with: "https://"),
                url + "#", url + "?", url + ".jsonld", " " + url, url + " ",
            ]
            if let host = url.split(separator: "/").dropFirst().first {
                variants.append(url.replacingOccurrences(of: host, with: host.uppercased()))
            }
            for variant in variants where variant != url {
                expectRefused(variant)
            }
        }
    }

    // MARK: Damaged resources

    private static let sample = PinnedContexts.Entry(
        url: "https://contexts.example/v1", resource: "sample.jsonld",
        sha256: "fbdefbf798e09bf18cc7e68f4b9290fa1143927da225e6ed0a5dfffbb60d8e4b", source: "test")

    @Test func intactResourceIsServed() throws {
        let table = PinnedContextTable(entries: [Self.sample]) { _ in Array(#"{"@context": {}}"#.utf8) }
        let document = try PinnedContexts(table: table).loadDocument(Self.sample.url)
        #expect(document.document == .object(["@context": .object([:])]))
    }

    @Test(
        arguments: [
            (Array(#"{"@context": {"x": 1}}"#.utf8), "SHA-256"),  // changed bytes
            (Array(#"{"@context": {} }"#.utf8), "SHA-256"),  // same JSON, other bytes: still refused
            ([], "SHA-256"),
        ] as [([UInt8], String)])
    func tamperedResourceIsRefused(bytes: [UInt8], expectedInReason: String) {
        let table = PinnedContextTable(entries: [Self.sample]) { _ in bytes }
        expectDamaged(table, mentioning: expectedInReason)
    }

    @Test func missingResourceIsRefused() {
        let table = PinnedContextTable(entries: [Self.sample]) { _ in nil }
        expectDamaged(table, mentioning: "missing")
    }

    @Test func resourceThatIsNotJSONIsRefused() {
        let entry = PinnedContexts.Entry(
            url: Self.sample.url, resource: "broken.jsonld",
            sha256: "c3f07c17117dc1953b6b514cc4e816c00a33fb6cbbe66cbb31e5e22cd1a05fd0", source: "test")
        let table = PinnedContextTable(entries: [entry]) { _ in Array("not json {".utf8) }
        expectDamaged(table, mentioning: "not JSON")
    }

    /// One damaged resource does not take the others down.
    @Test func damagedResourceLeavesOthersServed() throws {
        let other = PinnedContexts.Entry(url: "https://contexts.example/v2", resource: "other.jsonld", sha256: Self.sample.sha256, source: "test")
        let table = PinnedContextTable(entries: [Self.sample, other]) { name in
            name == "other.jsonld" ? Array(#"{"@context": {}}"#.utf8) : Array("{}".utf8)
        }
        expectDamaged(table, mentioning: "SHA-256")
        _ = try PinnedContexts(table: table).loadDocument(other.url)
    }

    private func expectDamaged(_ table: PinnedContextTable, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: JSONLDError.self, sourceLocation: sourceLocation) {
            try PinnedContexts(table: table).loadDocument(Self.sample.url)
        }
        guard let error else { return }
        #expect(error.code == .loadingRemoteContextFailed, sourceLocation: sourceLocation)
        for part in ["'\(Self.sample.url)'", text, "damaged"] {
            #expect(error.reason.contains(part), "reason '\(error.reason)' lacks '\(part)'", sourceLocation: sourceLocation)
        }
    }
}
