import EndorseTestFixtures
import Foundation
import OpenBadges
import Synchronization
import Testing

/// `endorse serve` as a real process: it announces its port, answers, and stops cleanly on SIGTERM.
@Suite(.serialized)  // each test starts processes
struct ServeCommandTests {
    @Test func missingDatabaseExitsThree() throws {
        let endorse = try EndorseExecutable.locate()
        let folder = try FixtureIndex.temporaryFolder()
        let result = try endorse.run(["serve", "--port", "0", "--db", folder.appendingPathComponent("none.sqlite").path])
        #expect(result.status == 3)
        #expect(result.stderrText.contains("endorse demo"))
    }

    @Test func badPortIsAUsageError() throws {
        let result = try EndorseExecutable.locate().run(["serve", "--port", "70000"])
        #expect(result.status == 64)
    }

    @Test
    func servesAndStopsGracefullyOnSIGTERM() async throws {
        let endorse = try EndorseExecutable.locate()
        let db = try FixtureIndex.temporaryFolder().appendingPathComponent("index.sqlite").path
        try FixtureIndex.build(at: db)
        let process = Process()
        process.executableURL = endorse.url
        process.arguments = ["serve", "--port", "0", "--db", db]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let output = Mutex("")
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.withLock { $0 += text }
        }
        let exited = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Wait for the announcement, polling with a deadline.
        let deadline = Date().addingTimeInterval(30)
        var base: String?
        while base == nil, Date() < deadline, process.isRunning {
            let text = output.withLock { $0 }
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) { base = String(text[range]) }
            try await Task.sleep(for: .milliseconds(20))
        }
        let url = try #require(base, "no announcement: \(output.withLock { $0 })")
        let curl = try #require(ProcessRunner.findProgram(["curl"]))
        let health = try await ProcessRunner.runAsync(curl, ["-sS", url + "/healthz"])
        #expect(health.stdoutText == #"{"status":"ok"}"#)
        let search = try await ProcessRunner.runAsync(curl, ["-sS", url + "/api/search?q=python"])
        #expect(search.stdoutText.contains(FixtureIndex.pythonBasics.string))

        process.terminate()  // SIGTERM
        var statuses = exited.stream.makeAsyncIterator()
        let status = await statuses.next()
        #expect(status == 0, "a graceful shutdown exits 0")
        pipe.fileHandleForReading.readabilityHandler = nil
    }
}
