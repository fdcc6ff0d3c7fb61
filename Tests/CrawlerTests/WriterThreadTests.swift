import Foundation
import Synchronization
import Testing

@testable import Crawler

/// The thread crawl commits run on: order, results, scheduling class, stopping.
struct WriterThreadTests {
    final class Log: Sendable {
        let entries = Mutex<[Int]>([])
    }

    @Test func runsOneJobAtATimeAndReturnsEachCallerItsResult() async {
        let writer = WriterThread(idle: false)
        defer { writer.stop() }
        let log = Log()
        let results = await withTaskGroup(of: (Int, Int).self) { group in
            for index in 0..<20 {
                group.addTask {
                    let value = await writer.run {
                        let overlapping = log.entries.withLock { entries -> Bool in
                            entries.append(index)
                            return entries.count > 1
                        }
                        Thread.sleep(forTimeInterval: 0.002)
                        log.entries.withLock { $0.removeAll { $0 == index } }
                        return overlapping ? -1 : index * 10
                    }
                    return (index, value)
                }
            }
            return await group.reduce(into: [Int: Int]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 20)
        #expect(results.allSatisfy { $0.value == $0.key * 10 }, "a job ran while another was running, or a result went astray")
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

    @Test func stopLetsTheRunningJobFinishAndLaterJobsStillRun() async {
        let writer = WriterThread(idle: false)
        let started = Log()
        let running = Task {
            await writer.run {
                started.entries.withLock { $0.append(1) }
                Thread.sleep(forTimeInterval: 0.05)
                return 42
            }
        }
        while started.entries.withLock({ $0.isEmpty }) { try? await Task.sleep(for: .milliseconds(1)) }
        writer.stop()
        #expect(await running.value == 42)
        // After stop a job runs on the caller's thread rather than waiting forever.
        #expect(await writer.run { 7 } == 7)
    }
}
