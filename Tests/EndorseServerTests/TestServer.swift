import BadgeCheck
import EndorseServer
import EndorseTestFixtures
import EndorsementStore
import Foundation

/// Runs the real server on a free loopback port for the duration of `body`.
func withServer(
    store: EndorsementStore, checker: BadgeChecker? = nil, checkRateLimit: CheckRateLimit = CheckRateLimit(),
    _ body: (_ base: String) async throws -> Void
) async throws {
    let server = EndorseServer(store: store, host: "127.0.0.1", port: 0, checker: checker, checkRateLimit: checkRateLimit)
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.serve { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw TestServerError.didNotStart }
        try await body("http://127.0.0.1:\(port)")
        group.cancelAll()
    }
}

enum TestServerError: Error {
    case didNotStart
    case curlMissing
    case malformedResponse(String)
}

/// One HTTP exchange made with curl (a real client, in its own process).
struct HTTPReply {
    var status: Int
    /// Header names lower-cased; the last value wins.
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONOutput.makeDecoder().decode(type, from: body)
    }

    /// The `error` object of a JSON error body.
    func errorCode() throws -> String? {
        let object = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }

    /// GET (or `method`) `url` with extra request headers.
    static func get(_ url: String, headers: [String: String] = [:], method: String = "GET") async throws -> HTTPReply {
        var arguments = ["-X", method]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
        return try await curl(url, arguments)
    }

    /// `url` asked with extra curl arguments (`--data-binary @file`, `-F name=@file`, ...).
    static func curl(_ url: String, _ extra: [String]) async throws -> HTTPReply {
        guard let curl = ProcessRunner.findProgram(["curl"]) else { throw TestServerError.curlMissing }
        let result = try await ProcessRunner.runAsync(curl, ["-sS", "-i", "--max-time", "60", "-g"] + extra + [url])
        guard result.status == 0 else { throw TestServerError.malformedResponse("curl failed: \(result.stderrText)") }
        return try parse(result.stdout)
    }

    static func parse(_ raw: Data) throws -> HTTPReply {
        let separator = Data("\r\n\r\n".utf8)
        guard let range = raw.range(of: separator) else { throw TestServerError.malformedResponse(String(decoding: raw, as: UTF8.self)) }
        let head = String(decoding: raw[raw.startIndex..<range.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestServerError.malformedResponse(head) }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPReply(status: status, headers: headers, body: Data(raw[range.upperBound...]))
    }
}

/// Percent-encodes a query value.
func encoded(_ value: String) -> String {
    value.addingPercentEncoding(
        withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? ""
}
