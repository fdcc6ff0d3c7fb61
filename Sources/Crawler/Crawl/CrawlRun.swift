import EndorsementStore
import Foundation
import Logging
import OpenBadges

/// The state of one running crawl, owned by the crawl task alone (never shared): the small buffer of
/// claimed URLs, robots.txt policies per host, and the records waiting to be committed.
///
/// The loop claims work from the frontier in per-host batches, starts fetches as the ``HostScheduler``
/// allows, and handles each result as it arrives: recording and committing in batches, retrying with
/// backoff through the frontier's `notBefore`, and giving hosts up. Child tasks only fetch and parse.
final class CrawlRun {
    enum RobotsState {
        /// A robots.txt request is running; `failures` earlier ones failed.
        case fetching(failures: Int)
        case known(RobotsPolicy)
        case failed(attempts: Int)
    }

    let crawler: Crawler
    let configuration: CrawlConfiguration
    let scheduler: HostScheduler
    let jobs: CrawlJobs
    var logger: Logger { crawler.logger }

    var buffer: [String: [FrontierEntry]] = [:]
    var buffered = 0
    /// Ids of the entries this run holds (buffered, fetching, or ended but not yet committed), by host:
    /// claiming reads the frontier without marking rows, so these are skipped instead.
    var taken: [String: Set<Int64>] = [:]
    var robots: [String: RobotsState] = [:]
    var givenUp: Set<String> = []
    var cursor: String?
    var frontierDry = false
    var pending = PendingWrites()
    let committer: CrawlCommitter
    var commitInFlight = false
    var lastFlush = Date()
    var tasks = 0
    var fetchesRunning = 0
    var wake = WakeTimer()

    let began: Date
    var finished: Int
    var fetched = 0
    var errors = 0
    var endorsementsFound = 0
    var interrupted = false
    var reachedMaxDocuments = false
    var fatal: CrawlError?
    /// Seconds the coordinator spent committing and claiming, for the debug summary.
    var writeSeconds = 0.0
    var claimSeconds = 0.0
    var recordSeconds = 0.0

    init(crawler: Crawler, alreadyFinished: Int, began: Date) {
        self.crawler = crawler
        self.configuration = crawler.configuration
        self.scheduler = HostScheduler(limits: crawler.configuration.limits)
        self.jobs = CrawlJobs(
            fetcher: crawler.fetcher, parser: crawler.parser, store: crawler.store, productToken: crawler.configuration.productToken,
            links: LinkPolicy(maxDepth: crawler.configuration.maxDepth, maxPageDepth: crawler.configuration.maxPageDepth))
        self.committer = CrawlCommitter(
            store: crawler.store, frontier: crawler.frontier, maxPagesPerHost: crawler.configuration.maxPagesPerHost, logger: crawler.logger,
            writer: WriterThread(idle: crawler.configuration.idleWriter))
        self.finished = alreadyFinished
        self.began = began
    }

    deinit { committer.writer.stop() }

    func loop(progressInterval: Double, progress: (@Sendable (CrawlProgress) -> Void)?) async throws(CrawlError) {
        var lastProgress = Date.distantPast
        await withTaskGroup(of: CrawlJobResult.self) { group in
            while fatal == nil {
                if Task.isCancelled && !interrupted {
                    interrupted = true
                    group.cancelAll()
                }
                if pending.shouldFlush(batchSize: configuration.batchSize, idle: tasks == 0 || frontierDry, since: lastFlush) {
                    flush(in: &group)
                }
                if !interrupted { await dispatch(&group) }
                if tasks == 0 {
                    if interrupted || fatal != nil { break }
                    if !pending.isEmpty { continue }
                    if buffered == 0 && atDocumentLimit {
                        reachedMaxDocuments = queuedCount() > 0
                        break
                    }
                    if buffered == 0 && frontierDry {
                        guard let next = nextReadyTime() else { break }
                        scheduleWake(at: max(next, Date().addingTimeInterval(0.01)), in: &group)
                    } else {
                        scheduleWake(at: Date().addingTimeInterval(0.05), in: &group)
                    }
                } else if frontierDry && wake.next == nil && !interrupted, let next = nextReadyTime(), next > Date() {
                    scheduleWake(at: next, in: &group)
                }
                guard let result = await group.next() else { break }
                tasks -= 1
                await handle(result)
                if let progress, Date().timeIntervalSince(lastProgress) >= progressInterval {
                    lastProgress = Date()
                    progress(snapshot())
                }
            }
            group.cancelAll()
            while let result = await group.next() {
                tasks -= 1
                await handle(result)
            }
        }
        flushNow()
        committer.writer.stop()
        releaseBuffer()
        progress?(snapshot())
        if let fatal { throw fatal }
    }

    var atDocumentLimit: Bool { finished + fetchesRunning + buffered >= configuration.maxDocuments }

    // MARK: Dispatching

    /// Claims work when the buffer runs low, then starts every fetch the scheduler allows.
    func dispatch(_ group: inout TaskGroup<CrawlJobResult>) async {
        let limits = configuration.limits
        // Backpressure: while the index lags this far behind, fetch nothing more (bodies wait in memory).
        guard pending.completions.count < configuration.batchSize * 8 else { return }
        if buffered < limits.concurrency * 2 && !frontierDry && !atDocumentLimit {
            let full = Set(buffer.filter { $0.value.count >= limits.perHost }.keys)
            let claimStarted = Date()
            defer { claimSeconds += Date().timeIntervalSince(claimStarted) }
            do {
                let claimed = try crawler.frontier.ready(
                    maxHosts: limits.concurrency, perHost: limits.perHost * 2, excluding: full, taken: taken, after: cursor)
                cursor = claimed.cursor
                if claimed.entries.isEmpty { frontierDry = true }
                for entry in claimed.entries {
                    taken[entry.host, default: []].insert(entry.id)
                    if case .known(let policy) = robots[entry.host], !policy.allows(entry.url) {
                        skip(entry, host: entry.host)
                    } else {
                        buffer[entry.host, default: []].append(entry)
                        buffered += 1
                    }
                }
            } catch {
                fatal = CrawlError(.database, "cannot read the crawl frontier: \(error)")
                return
            }
        }
        guard !buffer.isEmpty else { return }
        var demand: [String: Int] = [:]
        for host in Array(buffer.keys) {
            if givenUp.contains(host) {
                giveUp(host, code: "hostGivenUp", reason: "the host was given up earlier in this crawl")
                continue
            }
            switch robots[host] {
            case .fetching:
                continue
            case nil, .failed:
                demand[host] = 1
            case .known:
                if let count = buffer[host]?.count, count > 0 { demand[host] = count }
            }
        }
        guard !demand.isEmpty else { return }
        let grant = await scheduler.grant(demand)
        for (host, count) in grant.starts {
            switch robots[host] {
            case nil, .failed:
                if case .failed(let attempts) = robots[host] {
                    robots[host] = .fetching(failures: attempts)
                } else {
                    robots[host] = .fetching(failures: 0)
                }
                tasks += 1
                let jobs = self.jobs
                group.addTask { .robots(host: host, outcome: await jobs.robots(for: host)) }
            default:
                for _ in 0..<count {
                    guard var entries = buffer[host], !entries.isEmpty else { break }
                    let entry = entries.removeFirst()
                    buffer[host] = entries.isEmpty ? nil : entries
                    buffered -= 1
                    // A host no longer full may have more work queued than the last claim could take.
                    if entries.count < limits.perHost { frontierDry = false }
                    tasks += 1
                    fetchesRunning += 1
                    let jobs = self.jobs
                    group.addTask { .page(await jobs.page(entry)) }
                }
            }
        }
        for host in grant.givenUp { giveUp(host, code: "hostGivenUp", reason: "the host kept failing and was given up") }
        if let next = grant.nextTime { scheduleWake(at: next, in: &group) }
    }

    func scheduleWake(at date: Date, in group: inout TaskGroup<CrawlJobResult>) {
        if wake.schedule(at: date, in: &group, event: .wake) { tasks += 1 }
    }

    /// Ends the buffered entries of `host` that its robots.txt disallows, as skipped (RFC 9309: not fetched).
    /// Runs once per host when its policy arrives; later claims are checked as they are buffered.
    func skipDisallowed(host: String, policy: RobotsPolicy) {
        guard let entries = buffer[host] else { return }
        let allowed = entries.filter { policy.allows($0.url) }
        guard allowed.count < entries.count else { return }
        for entry in entries where !policy.allows(entry.url) { skip(entry, host: host) }
        buffered -= entries.count - allowed.count
        buffer[host] = allowed.isEmpty ? nil : allowed
    }

    /// Records one URL as skipped because robots.txt disallows it.
    func skip(_ entry: FrontierEntry, host: String) {
        let reason = "robotsDisallowed: the robots.txt of \(host) disallows this URL"
        pending.add(FetchRecord(url: entry.url, status: nil, error: reason), parsed: nil, parseError: nil)
        pending.complete(entry, FrontierOutcome(state: .skipped, code: "robotsDisallowed", detail: reason))
        finished += 1
    }

    /// Gives a host up: its buffered and queued URLs end as failed, each recorded with the reason.
    func giveUp(_ host: String, code: String, reason: String) {
        if givenUp.insert(host).inserted { logger.warning("giving up \(host): \(reason)") }
        let outcome = FrontierOutcome(state: .failed, code: code, detail: reason)
        for entry in buffer.removeValue(forKey: host) ?? [] {
            buffered -= 1
            pending.add(FetchRecord(url: entry.url, status: nil, error: "\(code): \(reason)"), parsed: nil, parseError: nil)
            pending.complete(entry, outcome)
            finished += 1
            errors += 1
        }
        flushNow()
        do {
            while true {
                let ended = try crawler.frontier.endQueued(host: host, outcome, skipping: taken[host] ?? [])
                if ended.isEmpty { break }
                for entry in ended {
                    pending.add(FetchRecord(url: entry.url, status: nil, error: "\(code): \(reason)"), parsed: nil, parseError: nil)
                    finished += 1
                    errors += 1
                }
                flushNow()
            }
        } catch {
            fatal = CrawlError(.database, "cannot update the crawl frontier: \(error)")
        }
    }

    /// Lets go of buffered (claimed, not started) entries when the loop stops: they were never marked in
    /// the frontier, so they are simply queued for the next run.
    func releaseBuffer() {
        buffer = [:]
        buffered = 0
    }

    /// Forgets that this run holds entry `id` of `host`.
    func untake(_ id: Int64, host: String) {
        guard var ids = taken[host] else { return }
        ids.remove(id)
        taken[host] = ids.isEmpty ? nil : ids
    }

    func queuedCount() -> Int { (try? crawler.frontier.queuedCount()) ?? 0 }

    func nextReadyTime() -> Date? {
        do { return try crawler.frontier.nextReadyTime() } catch {
            fatal = CrawlError(.database, "cannot read the crawl frontier: \(error)")
            return nil
        }
    }

    func snapshot() -> CrawlProgress {
        CrawlProgress(
            fetched: fetched, queued: queuedCount() + buffered, running: fetchesRunning, errors: errors, endorsementsFound: endorsementsFound,
            elapsed: Date().timeIntervalSince(began))
    }
}
