import Dispatch
import Foundation

/// SIGINT / SIGTERM as an awaitable event. Dispatch signal sources are used because a signal handler
/// may do almost nothing; the sources turn the signal into an ordinary callback.
enum SignalWatcher {
    /// Returns when the process receives SIGINT or SIGTERM, or when the calling task is cancelled.
    static func waitForTermination() async {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        for await _ in stream { break }
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        continuation.finish()
    }

    /// After the first signal, a second one ends the process at once (exit status 130).
    static func exitOnNextSignal() {
        signal(SIGINT) { _ in _exit(130) }
        signal(SIGTERM) { _ in _exit(143) }
    }

    /// Runs `work` to its end. The first SIGINT or SIGTERM calls `stopping` and cancels `work` (which winds down and
    /// returns); a second one ends the process at once. Nil when `work` returned nothing.
    static func run<Value: Sendable>(
        _ work: @Sendable @escaping () async throws -> Value, stopping: @Sendable @escaping () -> Void
    ) async throws -> Value? {
        try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                await waitForTermination()
                return nil
            }
            var value: Value?
            var finished = false
            while let result = try await group.next() {
                if let result {
                    value = result
                    finished = true
                    group.cancelAll()
                } else if !finished {
                    stopping()
                    group.cancelAll()
                    exitOnNextSignal()
                }
            }
            return value
        }
    }
}
