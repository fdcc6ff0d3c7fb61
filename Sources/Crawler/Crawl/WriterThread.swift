import Foundation

/// One long-lived thread that runs a crawl's commits, in the order they are handed over.
///
/// A transaction blocks its thread for as long as SQLite works (tens of milliseconds per batch). On the
/// cooperative pool (one thread per core) that thread would be taken from the fetches and parses the crawl
/// loop waits on; on this thread it is not. As an idle-class thread (`CrawlConfiguration.idleWriter`) it also
/// gives its CPU away at once to any other thread that wakes up. The class is set once, on this thread only.
final class WriterThread: @unchecked Sendable {
    // `@unchecked Sendable`: `jobs` and `stopped` are touched only with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopped = false

    /// Starts the thread.
    /// - Parameter idle: put it in the Linux `SCHED_IDLE` class (ignored elsewhere).
    init(idle: Bool) {
        let thread = Thread { [self] in
            if idle { Self.enterIdleClass() }
            runJobs()
        }
        thread.name = "endorse-writer"
        thread.start()
    }

    /// Runs `body` on the writer thread and returns what it returned; jobs run one at a time, in order. Once the
    /// thread is stopped, `body` runs on the caller's thread instead.
    func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            condition.lock()
            if stopped {
                condition.unlock()
                continuation.resume(returning: body())
                return
            }
            jobs.append { continuation.resume(returning: body()) }
            condition.signal()
            condition.unlock()
        }
    }

    /// Lets the thread finish the jobs it has, then end.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }

    private static func enterIdleClass() {
        #if os(Linux)
            var parameters = sched_param()
            // SCHED_IDLE is 5 in <sched.h>; Glibc's Swift module leaves the constant out.
            _ = sched_setscheduler(0, 5, &parameters)
        #endif
    }
}
