import Foundation
import JSONLD
import OpenBadges
import SharedMaterial

/// Serves the W3C JSON-LD test suite's files: `https://w3c.github.io/json-ld-api/tests/X` is
/// `../shared/conformance/json-ld/X` (conformance/README.md), read in place. Anything else is not there.
struct TestSuiteLoader: DocumentLoader {
    static let baseIRI = "https://w3c.github.io/json-ld-api/tests/"
    static let folder = SharedMaterial.url("conformance/json-ld")

    /// The file for a test-suite URL, or nil for another URL.
    static func file(for url: String) -> URL? {
        guard url.hasPrefix(baseIRI) else { return nil }
        var path = String(url.dropFirst(baseIRI.count))
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        return folder.appendingPathComponent(path)
    }

    /// The parsed JSON of the suite file at `relativePath` (relative to the suite folder).
    static func json(_ relativePath: String) throws -> JSONValue {
        try JSONValue.parse(bytes: Array(Data(contentsOf: folder.appendingPathComponent(relativePath))))
    }

    func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument {
        guard let file = Self.file(for: url), let data = try? Data(contentsOf: file) else {
            throw JSONLDError(.loadingRemoteContextFailed, "the test suite has no \(url)")
        }
        do {
            return RemoteDocument(documentURL: url, document: try JSONValue.parse(bytes: Array(data)))
        } catch {
            throw JSONLDError(.loadingRemoteContextFailed, "\(url) is not JSON: \(error)")
        }
    }
}

/// Serves fixed documents by URL (for focused tests).
struct FixedLoader: DocumentLoader {
    let documents: [String: JSONValue]

    func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument {
        guard let document = documents[url] else {
            throw JSONLDError(.loadingRemoteContextFailed, "no document for \(url)")
        }
        return RemoteDocument(documentURL: url, document: document)
    }
}

/// Serves `../shared/conformance/contexts/` by exact URL through its `INDEX.json`, as endorse's pinned loader
/// does (conformance/README.md, "Document loader").
struct PinnedTestLoader: DocumentLoader {
    let documents: [String: JSONValue]

    init() throws {
        let index = try JSONValue.parse(bytes: SharedMaterial.bytes("conformance/contexts/INDEX.json"))
        var documents: [String: JSONValue] = [:]
        for (url, entry) in index["contexts"]?.object ?? [:] {
            guard let file = entry["file"]?.string else { continue }
            documents[url] = try JSONValue.parse(bytes: SharedMaterial.bytes("conformance/contexts/" + file))
        }
        self.documents = documents
    }

    func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument {
        guard let document = documents[url] else {
            throw JSONLDError(.loadingRemoteContextFailed, "unverifiable: unknown context \(url)")
        }
        return RemoteDocument(documentURL: url, document: document)
    }
}
