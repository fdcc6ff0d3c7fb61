import Foundation
import Synchronization
import Testing

@testable import Crawler

/// The thread crawl commits run on: order, results, scheduling class, stopping.
struct WriterThreadTests {
    final class Log: Sendable {
        let entries = Mutex<[Int]>([])
    }

    @Test func runsJobsInOrderAndReturnsTheirResults() async {
        let writer = WriterThread(idle: false)
        defer { writer.stop() }
        let log = Log()
        async let first = writer.run {
            Thread.sleep(forTimeInterval: 0.05)
            log.entries.withLock { $0.append(1) }
            return "first"
        }
        try? await Task.sleep(for: .milliseconds(10))
        async let second = writer.run {
            log.entries.withLock { $0.append(2) }
            return "second"
        }
        let results = await [first, second]
        #expect(results == ["first", "second"])
        #expect(log.entries.withLock { $0 } == [1, 2])
    }

    @Test func anIdleWriterRunsInTheIdleClassAndANormalOneDoesNot() async {
        let idle = WriterThread(idle: true)
        let normal = WriterThread(idle: false)
        defer {
            idle.stop()
            normal.stop()
        }
        #if os(Linux)
            // sched_getscheduler(0) is the calling thread's policy: SCHED_IDLE is 5, SCHED_OTHER 0.
            #expect(await idle.run { sched_getscheduler(0) } == 5)
            #expect(await normal.run { sched_getscheduler(0) } == 0)
            #expect(sched_getscheduler(0) == 0, "the caller's thread keeps its class")
        #endif
    }

    @Test func stopLetsHandedOverJobsFinish() async {
        let writer = WriterThread(idle: false)
        async let slow = writer.run {
            Thread.sleep(forTimeInterval: 0.05)
            return 42
        }
        try? await Task.sleep(for: .milliseconds(10))
        writer.stop()
        #expect(await slow == 42)
    }
}
