/// Serialises scripted responses to HTTP/1.1 bytes.
enum ResponseWriter {
    static func head(_ response: LoopbackResponse, keepAlive: Bool, framing: LoopbackResponse.Framing, bodyLength: Int?) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        for header in response.headers { text += "\(header.name): \(header.value)\r\n" }
        if !response.statusForbidsBody {
            switch framing {
            case .contentLength: text += "Content-Length: \(bodyLength ?? 0)\r\n"
            case .chunked: text += "Transfer-Encoding: chunked\r\n"
            }
        }
        text += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(text.utf8)
    }

    /// The full response (head and framed body); `includeBody` is false for HEAD requests.
    static func full(_ response: LoopbackResponse, keepAlive: Bool, includeBody: Bool) -> [UInt8] {
        var bytes = head(response, keepAlive: keepAlive, framing: response.framing, bodyLength: response.body.count)
        guard includeBody, !response.statusForbidsBody else { return bytes }
        switch response.framing {
        case .contentLength:
            bytes += response.body
        case .chunked:
            if !response.body.isEmpty { bytes += chunk(response.body) }
            bytes += Array("0\r\n\r\n".utf8)
        }
        return bytes
    }

    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10]
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
