/// What a byte string looks like, judged by its bytes only (never a file name or a media type):
/// the answer of ``BakedBadge/sniff(_:)``.
public enum SniffedFormat: String, Sendable, Hashable {
    /// Starts with the 8-byte PNG signature (PNG section 5.2).
    case png
    /// XML whose root element's local name is `svg` (after an optional BOM, XML declaration, comments,
    /// processing instructions and DOCTYPE).
    case svg
    /// First non-white-space byte is `{` or `[`: JSON by shape (whether it parses is the JSON reader's business).
    case json
    /// Three base64url parts separated by `.`, header and payload non-empty: a compact JWS by shape (RFC 7515
    /// section 7.1).
    case jws
    /// None of the above.
    case unknown
}
