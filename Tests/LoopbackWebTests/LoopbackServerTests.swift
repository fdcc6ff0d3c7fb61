import Foundation
import Testing

@testable import LoopbackWeb

struct LoopbackServerTests {
    @Test func answersAndKeepsTheConnectionAlive() throws {
        let server = try LoopbackServer { request in
            .text("\(request.method) \(request.path) \(request.query ?? "-") \(request.host ?? "-") \(request.header("x-probe") ?? "-")")
        }
        let client = try RawClient(port: server.port)

        client.send("GET /a?b=1 HTTP/1.1\r\nHost: Issuer.Example:8080\r\nX-Probe: yes\r\n\r\n")
        let first = client.readResponse()
        client.send("GET /second HTTP/1.1\r\nHost: [::1]:80\r\n\r\n")
        let second = client.readResponse()

        #expect(first.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(first.contains("Connection: keep-alive"))
        #expect(first.hasSuffix("GET /a b=1 issuer.example yes"))
        #expect(second.hasSuffix("GET /second - ::1 -"))
    }

    @Test func sendsChunkedBodiesAndHonoursConnectionClose() throws {
        let server = try LoopbackServer { _ in LoopbackResponse(body: Array("hello".utf8), framing: .chunked) }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        let response = String(decoding: client.read(), as: UTF8.self)  // until the server closes
        #expect(response.contains("Transfer-Encoding: chunked"))
        #expect(response.hasSuffix("\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
    }

    @Test func answersHeadWithTheHeadOnly() throws {
        let server = try LoopbackServer { _ in .text("twelve bytes") }
        let client = try RawClient(port: server.port)
        client.send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n")
        let head = String(decoding: client.read { String(decoding: $0, as: UTF8.self).hasSuffix("\r\n\r\n") }, as: UTF8.self)
        client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        let full = client.readResponse()
        #expect(head.contains("Content-Length: 12\r\n"))
        #expect(head.hasSuffix("\r\n\r\n"))
        #expect(full.hasPrefix("HTTP/1.1 200 OK") && full.hasSuffix("twelve bytes"))
    }

    @Test func closeImmediatelyAndNeverAnswer() throws {
        let server = try LoopbackServer { request in request.path == "/close" ? .closeImmediately : .neverAnswer }
        let closing = try RawClient(port: server.port)
        closing.send("GET /close HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(closing.read().isEmpty)

        let silent = try RawClient(port: server.port)
        var timeout = timeval(tv_sec: 0, tv_usec: 300_000)
        setsockopt(silent.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        silent.send("GET /silent HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(silent.read().isEmpty)
        #expect(server.openConnections == 1)
    }

    @Test func dripsAtTheRequestedPace() throws {
        let server = try LoopbackServer { _ in LoopbackResponse(body: Array("abcdefghij".utf8), behaviour: .drip(bytesPerSecond: 20)) }
        let client = try RawClient(port: server.port)
        let started = ContinuousClock.now
        client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = client.readResponse()
        #expect(response.hasSuffix("abcdefghij"))
        #expect(ContinuousClock.now - started >= .milliseconds(400))
    }

    @Test func holdsSixHundredConcurrentConnectionsAndStopClosesThem() throws {
        let server = try LoopbackServer(latency: .milliseconds(20)) { request in .text(request.path) }
        let clients = try (0..<600).map { _ in try RawClient(port: server.port) }
        for (index, client) in clients.enumerated() { client.send("GET /\(index) HTTP/1.1\r\nHost: a\r\n\r\n") }
        let answered = clients.enumerated().filter { index, client in client.readResponse().hasSuffix("\r\n\r\n/\(index)") }.count
        #expect(answered == 600)
        #expect(server.openConnections == 600)

        server.stop()
        server.stop()

        #expect(server.openConnections == 0)
        #expect(clients[0].read().isEmpty)  // EOF: the server closed it
        // The port is closed; a server started since by a test running beside this one may have been given the same
        // number, so a connection that succeeds must at least not reach this server.
        if let late = try? RawClient(port: server.port) {
            late.send("GET /after-stop-\(server.port) HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(!late.readResponse().hasSuffix("\r\n\r\n/after-stop-\(server.port)"), "the stopped server still answers")
        }
    }

    @Test func gzipEncodersProduceValidStreams() throws {
        var crc = CRC32()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        let stored = Gzip.stored(Array("hello".utf8))
        #expect(stored.prefix(3) == [0x1F, 0x8B, 8])
        #expect(try gunzip(stored) == Array("hello".utf8))
        #expect(try gunzip(Gzip.repeating(0x41, count: 1000)) == [UInt8](repeating: 0x41, count: 1000))
        #expect(try gunzip(Gzip.stored([])) == [])
    }

    /// Decodes with the system's gzip tool, an independent implementation.
    private func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lw-\(UUID().uuidString).gz")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return [UInt8](data)
    }
}
