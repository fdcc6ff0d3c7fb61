import CurlHTTP
import Foundation
import LoopbackWeb
import Synchronization
import Testing

/// Many fetches share one thread; cancellation and shutdown release transfers at once.
struct FetcherConcurrencyTests {
    @Test func fiveHundredParallelFetchesUseBoundedThreadsAndMemory() async throws {
        let server = try LoopbackServer { request in .json(#"{"path":"\#(request.path)","host":"\#(request.host ?? "")"}"#) }
        let fetcher = try loopbackFetcher(server) { $0.maxConcurrentTransfers = 64 }
        let hosts = ["issuer.example", "endorser.example", "badges.example", "org.example"]
        let memoryBefore = residentBytes()
        let peakThreads = Mutex(0)
        let done = Mutex(false)

        _ = try await fetcher.fetch("http://issuer.example/warm-up")  // the loop thread is running and named
        let sampler = Task.detached {
            repeat {
                let now = threadCount(named: fetcher.threadName)
                peakThreads.withLock { $0 = max($0, now) }
                try? await Task.sleep(for: .milliseconds(5))
            } while !done.withLock({ $0 })
        }
        let statuses = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<500 {
                group.addTask {
                    let host = hosts[index % hosts.count]
                    let response = try await fetcher.fetch("http://\(host)/doc/\(index)")
                    return response.status == 200 && String(decoding: response.body, as: UTF8.self).contains("\"host\":\"\(host)\"")
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        done.withLock { $0 = true }
        await sampler.value

        #expect(statuses.count == 500 && statuses.allSatisfy { $0 })
        // One loop thread drives every transfer (plus, at most, a few short-lived resolver threads it starts).
        let fetcherThreads = peakThreads.withLock { $0 }
        #expect((1...4).contains(fetcherThreads), "the fetcher ran \(fetcherThreads) threads named \(fetcher.threadName); threads: \(threadNames())")
        // Resident memory is the whole test process's, and other suites run meanwhile (the store's ingest of thousands
        // of documents, the hostile JSON-LD documents of a million values), so the bound leaves them room: a fetcher
        // that kept a 1 MB buffer per transfer would still exceed it (500 transfers).
        let extraMemory = residentBytes() - memoryBefore
        #expect(extraMemory < 400 * 1024 * 1024, "resident memory grew by \(extraMemory) bytes")
    }

    @Test func cancellationRemovesTheTransfer() async throws {
        let arrived = Counter()
        let server = try LoopbackServer { _ in
            arrived.increment()
            return LoopbackResponse(body: [UInt8](repeating: 0x2E, count: 1000), behaviour: .drip(bytesPerSecond: 10))
        }
        let fetcher = try loopbackFetcher(server) { $0.totalTimeout = .seconds(30) }
        let task = Task { () async throws(FetchError) -> FetchResponse in try await fetcher.fetch("http://issuer.example/slow") }
        #expect(await eventually { arrived.count == 1 && server.openConnections == 1 })
        let cancelledAt = ContinuousClock.now

        task.cancel()
        let result = await task.result

        // Ended by the cancellation, not by the 30 s timeout or the 100 s drip (generous: other suites share the cores).
        #expect(ContinuousClock.now - cancelledAt < .seconds(15))
        #expect(throws: FetchError(code: .cancelled, reason: "", url: "")) { try result.get() }
        #expect(await eventually { server.openConnections == 0 }, "the transfer's connection should be closed")
    }

    @Test func cancellationBeforeStartNeverReachesTheServer() async throws {
        let arrived = Counter()
        let server = try LoopbackServer { _ in
            arrived.increment()
            return .text("x")
        }
        let fetcher = try loopbackFetcher(server)
        let task = Task { () async throws(FetchError) -> FetchResponse in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await fetcher.fetch("http://issuer.example/")
        }
        let result = await task.result
        #expect(throws: FetchError(code: .cancelled, reason: "", url: "")) { try result.get() }
        #expect(arrived.count == 0)
    }

    @Test func shutdownFailsRunningAndLaterFetches() async throws {
        let server = try LoopbackServer { _ in .neverAnswer }
        let fetcher = try loopbackFetcher(server) { $0.totalTimeout = .seconds(30) }
        let task = Task { () async throws(FetchError) -> FetchResponse in try await fetcher.fetch("http://issuer.example/") }
        #expect(await eventually { server.openConnections == 1 })

        fetcher.shutdown()
        fetcher.shutdown()
        let running = await task.result
        let later = await fetchError { () async throws(FetchError) in try await fetcher.fetch("http://issuer.example/") }

        #expect(throws: FetchError(code: .cancelled, reason: "", url: "")) { try running.get() }
        #expect(later?.code == .cancelled)
        #expect(later?.reason.contains("shut down") == true)
    }

    @Test func queuesBeyondMaxConcurrentTransfers() async throws {
        let arrivals = Mutex<[ContinuousClock.Instant]>([])
        let server = try LoopbackServer { _ in
            arrivals.withLock { $0.append(.now) }
            return LoopbackResponse.text("ok").delayed(by: .milliseconds(10))
        }
        let fetcher = try loopbackFetcher(server) { $0.maxConcurrentTransfers = 1 }
        let peak = Mutex(0)
        let sampler = Task.detached {
            while !Task.isCancelled {
                let open = server.openConnections
                peak.withLock { $0 = max($0, open) }
                try? await Task.sleep(for: .milliseconds(2))
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 { group.addTask { _ = try await fetcher.fetch("http://issuer.example/\(index)") } }
            try await group.waitForAll()
        }
        sampler.cancel()
        #expect(peak.withLock { $0 } <= 1)
        // A queued job must start as soon as the slot frees, not at the loop's next 1 s idle poll: the typical gap
        // between one request and the next is the 10 ms answer plus a little. The median of the 7 gaps, not their sum,
        // so that one stall of a loaded machine (other suites run in parallel) does not fail the test.
        let times = arrivals.withLock { $0 }
        #expect(times.count == 8)
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }.sorted()
        let median = gaps.isEmpty ? Duration.zero : gaps[gaps.count / 2]
        #expect(median >= .milliseconds(10) && median < .milliseconds(500), "gaps between requests: \(gaps)")
    }
}
