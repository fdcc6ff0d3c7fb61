import Foundation
import HTTPTypes
import Hummingbird

extension LookupError {
    /// The HTTP status for this error: 400 for bad input, 404 unknown, 409 ambiguous words,
    /// 503 when the database is missing, 500 only for database failures (never for user input).
    public var httpStatus: HTTPResponse.Status {
        switch code {
        case .missingParameter, .invalidParameter, .invalidQuery: .badRequest
        case .notFound: .notFound
        case .ambiguous: .conflict
        case .databaseMissing: .serviceUnavailable
        case .database: .internalServerError
        }
    }

    /// The JSON error response.
    func response() -> Response {
        Response.json(JSONOutput.errorBody(self), status: httpStatus)
    }
}

extension Response {
    static let jsonContentType = "application/json; charset=utf-8"
    static let htmlContentType = "text/html; charset=utf-8"

    /// A JSON response with endorse's content type.
    static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: jsonContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An HTML response.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: htmlContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
