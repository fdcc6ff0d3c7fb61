import CurlHTTP
import Foundation
import OpenBadges

/// The crawler's HTTP client: the libcurl `Fetcher`, one request per call, redirects not followed.
public struct CurlPageFetcher: PageFetcher {
    /// The underlying libcurl fetcher (shared by every task of the crawl).
    public let fetcher: Fetcher

    /// - Throws: `FetchError` when libcurl cannot be set up.
    public init(configuration: FetcherConfiguration) throws(FetchError) {
        fetcher = try Fetcher(configuration: configuration)
    }

    /// One GET; libcurl errors become failures with the `FetchError` code, cancellation becomes ``PageFailure/cancelled``.
    public func fetch(_ request: FetchRequest) async -> Result<PageResponse, PageFailure> {
        do {
            let response = try await fetcher.fetch(request)
            return .success(
                PageResponse(
                    status: response.status, contentType: response.contentType, etag: response.etag, lastModified: response.lastModified,
                    retryAfter: response.header("Retry-After").flatMap(Self.retryAfterSeconds),
                    location: response.isRedirect ? response.redirectLocation.map { IRI($0) } : nil, body: response.body))
        } catch {
            if error.code == .cancelled { return .failure(.cancelled) }
            return .failure(PageFailure(code: error.code.rawValue, message: error.reason, isRetryable: Self.retryable.contains(error.code)))
        }
    }

    /// Failures another attempt may cure; the others (refused address, oversized body, bad URL, TLS) are final.
    static let retryable: Set<FetchError.Code> = [.dnsFailure, .connectionRefused, .timeout, .transport]

    /// `Retry-After` as seconds from now: delta-seconds or an HTTP-date (RFC 9110 section 10.2.3).
    static func retryAfterSeconds(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }
}
