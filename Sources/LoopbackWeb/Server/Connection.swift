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
    /// Whether the event loop watches the socket for writability (it has output the socket did not take yet).
    var watchingOutput = false
    /// The request being answered is a HEAD: send the head only.
    var headOnly = false

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
        // Byte-level parsing: the head is ASCII in practice; anything else is decoded leniently as UTF-8.
        var lines = Self.lines(input[0..<end])
        let requestLine = lines.removeFirst().split(separator: 32).map { String(decoding: $0, as: UTF8.self) }
        guard requestLine.count == 3 else { throw MalformedRequest() }
        var headers: [LoopbackRequest.Header] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw MalformedRequest() }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
            headers.append(.init(name: name, value: value))
        }
        let target = requestLine[1]
        let path: String
        let query: String?
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = nil
        }
        let request = LoopbackRequest(method: requestLine[0], path: path, query: query, headers: headers)
        let bodyLength = request.header("Content-Length").flatMap(Int.init) ?? 0
        guard input.count >= end + 4 + bodyLength else { return nil }
        input.removeFirst(end + 4 + bodyLength)
        let connectionHeader = request.header("Connection")?.lowercased() ?? ""
        let keepAlive = requestLine[2] == "HTTP/1.1" ? connectionHeader != "close" : connectionHeader == "keep-alive"
        return (request, keepAlive)
    }

    private static func lines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 13, index + 1 < bytes.endIndex, bytes[index + 1] == 10 {
                lines.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(bytes[start..<bytes.endIndex])
        return lines
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 32 || first == 9 { slice.removeFirst() }
        while let last = slice.last, last == 32 || last == 9 { slice.removeLast() }
        return slice
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
