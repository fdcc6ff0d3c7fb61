import Foundation
import JSONLD
import OpenBadges
import SharedMaterial

/// A document loader over the contexts of `../shared/conformance/contexts/` (read in place through their
/// `INDEX.json`), for vectors that use contexts endorse does not ship; any other URL fails as in production.
struct SharedContexts: DocumentLoader {
    private let files: [String: String]

    init() throws {
        let index = try JSONValue.parse(bytes: SharedMaterial.bytes("conformance/contexts/INDEX.json"))
        var files: [String: String] = [:]
        for (url, entry) in index["contexts"]?.object ?? [:] {
            if let file = entry["file"]?.string { files[url] = file }
        }
        self.files = files
    }

    func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument {
        guard let file = files[url], let bytes = try? SharedMaterial.bytes("conformance/contexts/" + file),
            let document = try? JSONValue.parse(bytes: bytes)
        else {
            throw JSONLDError(.loadingRemoteContextFailed, "\(url) is not among the shared test contexts")
        }
        return RemoteDocument(documentURL: url, document: document)
    }
}
