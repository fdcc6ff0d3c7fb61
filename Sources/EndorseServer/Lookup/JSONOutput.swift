import Foundation

/// The one JSON form of endorse's answers, shared by `endorse --json` and the HTTP API so the two never drift apart.
///
/// Keys sorted, dates ISO 8601 (`2024-05-01T00:00:00Z`), `/` not escaped, absent optionals omitted.
/// The values are the store's `QueryModels` types; renaming one of their properties is a breaking change.
public enum JSONOutput {
    /// A fresh encoder with endorse's settings (`JSONEncoder` is not `Sendable`; make one per use or per task).
    public static func makeEncoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The matching decoder (ISO 8601 dates), for clients and tests.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The JSON error body: `{"error": {"candidates": [...], "code": "...", "message": "..."}}` (`candidates` only when ambiguous).
    public static func errorBody(_ error: LookupError, pretty: Bool = false) -> Data {
        let body = ErrorBody(
            error: .init(code: error.code.rawValue, message: error.message, candidates: error.candidates.isEmpty ? nil : error.candidates))
        // Encoding plain strings cannot fail; the fallback keeps the contract anyway.
        return (try? makeEncoder(pretty: pretty).encode(body)) ?? Data(#"{"error":{"code":"database","message":"encoding failed"}}"#.utf8)
    }

    /// The same error body for an error that is no lookup's (`endorse check`'s ``BadgeCheck/CheckError`` codes).
    public static func errorBody(code: String, message: String, pretty: Bool = false) -> Data {
        let body = ErrorBody(error: .init(code: code, message: message, candidates: nil))
        return (try? makeEncoder(pretty: pretty).encode(body)) ?? Data(#"{"error":{"code":"database","message":"encoding failed"}}"#.utf8)
    }

    struct ErrorBody: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var candidates: [LookupError.Candidate]?
        }
        var error: Detail
    }
}
