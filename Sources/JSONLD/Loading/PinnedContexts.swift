import OpenBadges

/// The ``DocumentLoader`` endorse verifies with: it serves only the JSON-LD contexts shipped with endorse
/// (`Resources/Contexts`, listed in ``PinnedContexts/index``) and never fetches anything.
///
/// A URL is served only when it equals a pinned URL exactly, character for character: no scheme change
/// (`http:` for `https:`), no trailing slash added or removed, no case folding. None of the pinned contexts is
/// published by its maintainers under such a variant as the same document, and a signature made by an issuer
/// whose loader fetched the variant covers whatever that URL returned, which endorse cannot know.
///
/// Every resource is read, checked against the SHA-256 recorded in the index and parsed once per process, on
/// first use; afterwards a load is one dictionary look-up returning the shared parsed value. A resource whose
/// bytes do not match its hash (or that is missing or not JSON) is never served: loading its URL throws an
/// error saying so.
public struct PinnedContexts: DocumentLoader {
    private let table: PinnedContextTable

    /// The loader over the contexts shipped in endorse's bundle.
    public init() {
        self.table = .bundled
    }

    /// A loader over `table` (tests: tampered or partial resources).
    init(table: PinnedContextTable) {
        self.table = table
    }

    /// The pinned context at `url`, exactly as shipped, with `documentURL` equal to `url` (nothing is redirected).
    /// - Throws: ``JSONLDError/Code/loadingRemoteContextFailed`` naming `url` when it is not pinned, or when its
    ///   shipped resource is missing, does not match its recorded SHA-256, or is not JSON.
    public func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument {
        guard let entry = table.documents[url] else {
            throw JSONLDError(
                .loadingRemoteContextFailed,
                "context '\(url)' is not one of the \(table.documents.count) contexts pinned in endorse (it is never fetched)")
        }
        return try entry.get()
    }

    /// Every URL this loader serves, sorted.
    public static var servedURLs: [String] {
        index.map(\.url).sorted()
    }

    /// Checks every shipped context (hash, JSON) and throws the first problem: for a start-up self-test, so that
    /// a damaged installation is reported once instead of as a failed verification per credential.
    /// - Throws: ``JSONLDError/Code/loadingRemoteContextFailed`` naming the first damaged resource.
    public static func verifyResources() throws(JSONLDError) {
        let table = PinnedContextTable.bundled
        for url in servedURLs {
            _ = try table.documents[url]?.get()
        }
    }
}
