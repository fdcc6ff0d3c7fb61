import OpenBadges

/// A document a ``DocumentLoader`` returned (JSON-LD 1.1 API section 9.4.1, `RemoteDocument`).
public struct RemoteDocument: Sendable, Hashable {
    /// The final URL of the document, after any redirect: the base IRI for relative IRIs in it.
    public var documentURL: String
    /// The parsed document.
    public var document: JSONValue

    /// A document loaded from `documentURL`.
    public init(documentURL: String, document: JSONValue) {
        self.documentURL = documentURL
        self.document = document
    }
}

/// Where JSON-LD processing gets remote contexts (and `@import`ed ones) from.
///
/// endorse never fetches a context while processing: the loaders it uses serve fixed documents (the pinned
/// contexts shipped with it, or a test suite's files). A loader that does not have `url` throws
/// ``JSONLDError/Code/loadingRemoteContextFailed`` naming it.
public protocol DocumentLoader: Sendable {
    /// The document at `url` (an absolute IRI, fragment removed).
    /// - Throws: ``JSONLDError`` when the loader does not have the document or it is not JSON.
    func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument
}
