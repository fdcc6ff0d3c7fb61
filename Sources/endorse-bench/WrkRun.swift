import Foundation
import Synchronization

/// One wrk run and the figures read from its `--latency` report.
struct WrkRun: Sendable {
    var requestsPerSecond: Double?
    var p50: String?
    var p99: String?
    var non2xx: Int
    var errors: String?
    var output: String

    var summary: String {
        var text = "requests/s: \(requestsPerSecond.map { String(format: "%.0f", $0) } ?? "?")  p50: \(p50 ?? "?")  p99: \(p99 ?? "?")"
        if non2xx > 0 { text += "  non-2xx: \(non2xx)" }
        if let errors { text += "  \(errors)" }
        return text
    }

    /// Runs wrk to completion without blocking the concurrency pool (the server under test shares it).
    static func run(_ wrk: URL, _ arguments: [String]) async throws -> WrkRun {
        let process = Process()
        process.executableURL = wrk
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let collected = OutputBuffer()
        pipe.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        let _: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        pipe.fileHandleForReading.readabilityHandler = nil
        collected.append(pipe.fileHandleForReading.readDataToEndOfFile())
        return parse(collected.text)
    }

    static func parse(_ output: String) -> WrkRun {
        var run = WrkRun(non2xx: 0, output: output)
        for line in output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), fields.count >= 2 { run.requestsPerSecond = Double(fields[1]) }
            if line.hasPrefix("50%"), fields.count >= 2 { run.p50 = String(fields[1]) }
            if line.hasPrefix("99%"), fields.count >= 2 { run.p99 = String(fields[1]) }
            if line.hasPrefix("Non-2xx or 3xx responses:"), let last = fields.last { run.non2xx = Int(last) ?? 0 }
            if line.hasPrefix("Socket errors:") { run.errors = line }
        }
        return run
    }
}

/// Bytes gathered from a pipe's readability handler (called on another thread).
final class OutputBuffer: Sendable {
    private let data = Mutex(Data())
    func append(_ chunk: Data) { data.withLock { $0.append(chunk) } }
    var text: String { String(decoding: data.withLock { $0 }, as: UTF8.self) }
}
