import ArgumentParser
import Foundation

/// The `sqlite3` command line tool, which the index benchmark runs scripts in as its reference.
struct SQLiteTool {
    /// The tool's path.
    let path: String

    /// Runs `script` on `database`; returns what it printed and its wall time (start-up included). With `bail`,
    /// the first failing statement stops the script. Throws when sqlite3 exits with an error, with what it said.
    func run(_ script: String, database: String, readOnly: Bool = false, bail: Bool = false) throws -> (output: String, seconds: Double) {
        let scriptURL = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-bench-\(UUID().uuidString).sql")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptURL) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = (readOnly ? ["-readonly"] : []) + (bail ? ["-bail"] : []) + [database]
        process.standardInput = try FileHandle(forReadingFrom: scriptURL)
        // Errors go to a file and output through a pipe read to its end before waiting: a full pipe never blocks sqlite3.
        let errorsURL = scriptURL.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorsURL) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorsURL)
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = (clock.now - start).seconds
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorsURL, encoding: .utf8)) ?? ""
            throw ValidationError("\(path) failed (status \(process.terminationStatus)): \(message.prefix(2000))")
        }
        return (String(decoding: printed, as: UTF8.self), seconds)
    }
}

extension Duration {
    /// The duration in seconds, for the benchmarks' figures.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
