import Crypto
import OpenBadges

/// The pinned contexts, read, hash-checked and parsed: URL → the parsed document, or why it cannot be served.
///
/// Immutable once built; ``bundled`` is built once per process on first use (a `static let`, so the Swift runtime
/// makes that first use thread-safe) and then shared by every ``PinnedContexts`` value.
struct PinnedContextTable: Sendable {
    /// Each pinned URL with its parsed context, or the error loading it must throw.
    let documents: [String: Result<RemoteDocument, JSONLDError>]

    /// The contexts of ``PinnedContexts/index`` read from endorse's resource bundle.
    static let bundled = PinnedContextTable(entries: PinnedContexts.index, read: PinnedContexts.bundledResource(named:))

    /// Reads each entry's resource with `read` (nil: missing), checks its SHA-256 and parses it.
    /// Cost: one SHA-256 and one JSON parse per entry; an entry that fails is recorded, not fatal to the others.
    init(entries: [PinnedContexts.Entry], read: (String) -> [UInt8]?) {
        var documents: [String: Result<RemoteDocument, JSONLDError>] = [:]
        documents.reserveCapacity(entries.count)
        for entry in entries {
            documents[entry.url] = Self.load(entry, bytes: read(entry.resource))
        }
        self.documents = documents
    }

    private static func load(_ entry: PinnedContexts.Entry, bytes: [UInt8]?) -> Result<RemoteDocument, JSONLDError> {
        guard let bytes else {
            return .failure(damaged(entry, "resource Contexts/\(entry.resource) is missing from the bundle"))
        }
        let digest = hexadecimal(SHA256.hash(data: bytes))
        guard digest == entry.sha256 else {
            return .failure(
                damaged(
                    entry,
                    "resource Contexts/\(entry.resource) has SHA-256 \(digest), not the pinned \(entry.sha256) (\(bytes.count) bytes)"
                ))
        }
        do {
            let document = try JSONValue.parse(bytes: bytes)
            return .success(RemoteDocument(documentURL: entry.url, document: document))
        } catch {
            return .failure(damaged(entry, "resource Contexts/\(entry.resource) is not JSON: \(error)"))
        }
    }

    private static func damaged(_ entry: PinnedContexts.Entry, _ problem: String) -> JSONLDError {
        JSONLDError(
            .loadingRemoteContextFailed,
            "pinned context '\(entry.url)' cannot be used: \(problem); the endorse installation is damaged, reinstall it")
    }

    private static func hexadecimal(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
