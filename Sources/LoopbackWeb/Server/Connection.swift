import Foundation

/// One client connection, touched only by the server thread.
final class Connection {
    enum State {
        /// Waiting for (more of) a request.
        case reading
        /// A response waits for its delay to pass.
        case delayed(LoopbackResponse, keepAlive: Bool)
        /// The head is out; the body goes out a few bytes per tick.
        case dripping(body: [UInt8], offset: Int, perTick: Int, interval: Duration, keepAlive: Bool)
        /// Read the request, never answer.
        case silent
        /// Chunked body forever, refilled whenever the output drains.
        case infinite(chunk: [UInt8])
        /// Close once the output has drained.
        case closingAfterWrite
    }

    let fd: Int32
    var input: [UInt8] = []
    var output: [UInt8] = []
    var outputOffset = 0
    var state: State = .reading
    var wakeAt: ContinuousClock.Instant?

    init(fd: Int32) { self.fd = fd }

    var hasPendingOutput: Bool { outputOffset < output.count }

    static let maxHeadBytes = 64 * 1024

    /// Removes one complete request from `input`; nil when more bytes are needed. Throws when the head is malformed
    /// or too large (the server then closes the connection).
    func takeRequest() throws(MalformedRequest) -> (LoopbackRequest, keepAlive: Bool)? {
        guard let end = headEnd() else {
            if input.count > Self.maxHeadBytes { throw MalformedRequest() }
            return nil
        }
        guard let head = String(bytes: input[0..<end], encoding: .isoLatin1) else { throw MalformedRequest() }
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { throw MalformedRequest() }
        var headers: [LoopbackRequest.Header] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw MalformedRequest() }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(.init(name: String(line[..<colon]), value: value))
        }
        let target = String(requestLine[1])
        let path: String
        let query: String?
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = nil
        }
        let request = LoopbackRequest(method: String(requestLine[0]), path: path, query: query, headers: headers)
        let bodyLength = request.header("Content-Length").flatMap(Int.init) ?? 0
        guard input.count >= end + 4 + bodyLength else { return nil }
        input.removeFirst(end + 4 + bodyLength)
        let connectionHeader = request.header("Connection")?.lowercased() ?? ""
        let keepAlive = requestLine[2] == "HTTP/1.1" ? connectionHeader != "close" : connectionHeader == "keep-alive"
        return (request, keepAlive)
    }

    private func headEnd() -> Int? {
        guard input.count >= 4 else { return nil }
        return input.withUnsafeBufferPointer { buffer in
            for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
                return i
            }
            return nil
        }
    }
}

struct MalformedRequest: Error {}
