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
}
