import Foundation

/// A started process whose exit can be awaited without blocking a thread of the concurrency pool.
///
/// `waitUntilExit()` and `readDataToEndOfFile()` hold a pool thread for the whole run; the pool has two threads on a
/// 2-core machine, so a blocked test stalls every other suite's servers and timers for seconds.
struct ProcessExit: Sendable {
    private let stream: AsyncStream<(status: Int32, reason: Process.TerminationReason)>
    /// The started process's id, for signalling it.
    let pid: Int32

    /// Sets the termination handler, then starts `process`.
    init(starting process: Process) throws {
        let (stream, continuation) = AsyncStream.makeStream(of: (status: Int32, reason: Process.TerminationReason).self)
        process.terminationHandler = { finished in
            continuation.yield((finished.terminationStatus, finished.terminationReason))
            continuation.finish()
        }
        self.stream = stream
        try process.run()
        pid = process.processIdentifier
    }

    /// The exit status (or signal number) and why the process ended.
    func wait() async -> (status: Int32, reason: Process.TerminationReason) {
        for await result in stream { return result }
        return (-1, .exit)
    }
}
