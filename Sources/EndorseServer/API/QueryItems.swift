import Foundation

/// The decoded query string of a request (`application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte of UTF-8).
///
/// Hummingbird's own query map leaves `+` as is and keys undecoded; HTML forms send `+` for spaces, so the server decodes here.
struct QueryItems: Sendable {
    private var items: [String: String] = [:]

    /// Decodes `query` (without the `?`). The first value of a repeated name wins.
    /// - Throws: `LookupError.invalidParameter` for malformed percent escapes or invalid UTF-8.
    init(_ query: String?) throws(LookupError) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            if items[name] == nil { items[name] = value }
        }
    }

    subscript(_ name: String) -> String? { items[name] }

    static func decode(_ raw: Substring) throws(LookupError) -> String {
        let spaced = raw.replacingOccurrences(of: "+", with: " ")
        guard let decoded = spaced.removingPercentEncoding else {
            throw LookupError(.invalidParameter, "the query string has a malformed %-escape near \"\(raw.prefix(40))\"")
        }
        return decoded
    }
}
