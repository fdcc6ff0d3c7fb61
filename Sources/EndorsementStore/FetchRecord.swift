import Foundation
import OpenBadges

/// One fetch of one URL, as the crawler hands it to the store.
public struct FetchRecord: Sendable, Hashable {
    /// The URL requested (canonical form).
    public var url: IRI
    /// HTTP status; nil when the fetch failed before a response (see `error`).
    public var status: Int?
    public var contentType: String?
    public var etag: String?
    public var lastModified: String?
    /// The decoded body; empty for errors and 304.
    public var body: [UInt8]
    public var fetchedAt: Date
    /// The fetch error code and message when there was no usable response (`timeout: ...`, `blockedAddress: ...`).
    public var error: String?
    /// The Location of a 3xx response, resolved.
    public var redirectTo: IRI?

    public init(
        url: IRI, status: Int?, contentType: String? = nil, etag: String? = nil, lastModified: String? = nil, body: [UInt8] = [],
        fetchedAt: Date = Date(), error: String? = nil, redirectTo: IRI? = nil
    ) {
        self.url = url
        self.status = status
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
        self.body = body
        self.fetchedAt = fetchedAt
        self.error = error
        self.redirectTo = redirectTo
    }
}
