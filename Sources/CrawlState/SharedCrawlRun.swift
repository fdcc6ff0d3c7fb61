import Crawler
import EndorsementStore
import Foundation
import Logging
import OpenBadges

/// The state of one worker's run, owned by its crawl task alone: the leases it holds, the robots.txt policies it
/// has seen, and a local ``HostScheduler`` for its own connections, spacing and failing hosts.
///
/// Child tasks fetch and parse, and write completions to PostgreSQL (each in a task of its own that a stop does not
/// cancel, so a fetched document is never thrown away by Ctrl-C); the loop claims, starts fetches and decides.
final class SharedCrawlRun {
    enum Event: Sendable {
        case page(Lease, PageResult)
        case robots(host: String, outcome: RobotsPolicy.FetchOutcome)
        /// A write finished: the release of the lease of a URL, or a host given up (nil).
        case written(IRI?, Result<Void, CrawlStateError>)
        /// A batch of completions was written (in a task a stop does not cancel: a fetched document is recorded
        /// even after Ctrl-C).
        case completed([IRI], Result<[Completion], CrawlStateError>)
        /// A claim came back, after that many seconds.
        case claimed(Result<Claim, CrawlStateError>, seconds: Double)
        case wake
    }

    let crawler: SharedCrawler
    let configuration: CrawlConfiguration
    let state: PostgresCrawlState
    let scheduler: HostScheduler
    let jobs: CrawlJobs
    var logger: Logger { crawler.logger }

    /// Every lease not yet completed or released, by URL (buffered, fetching or being written).
    var held: [IRI: Lease] = [:]
    /// Completions waiting for the batch being written.
    var pendingCompletions: [LeaseCompletion] = []
    var completionInFlight = false
    var claimInFlight = false
    var buffer: [String: [Lease]] = [:]
    var buffered = 0
    var policies: [String: RobotsPolicy] = [:]
    /// The stored form each policy was read from, so that a claim's unchanged policy is not read again.
    var storedPolicies: [String: String] = [:]
    var robotsRunning: Set<String> = []
    var locallyGivenUp: Set<String> = []
    var tasks = 0
    var fetchesRunning = 0
    var nextClaim = Date.distantPast
    var idleDelay = 0.02
    /// The last claim found nothing to do: with nothing held, time to ask whether the crawl is over.
    var lastClaimWasEmpty = false
    var wake = WakeTimer()
    var lastRenew = Date()
    var lastCounts = CrawlStateCounts()
    var countsRead = Date.distantPast
    var endedSinceCounts = 0

    let began: Date
    var fetched = 0
    var errors = 0
    var duplicates = 0
    var robotsFetched = 0
    var endorsementsFound = 0
    var interrupted = false
    var reachedMaxDocuments = false
    var fatal: CrawlStateError?
    /// Claims made, and the seconds they took (the loop goes on meanwhile).
    var claims = 0
    var claimSeconds = 0.0
    /// Completion batches written, and their documents.
    var batches = 0

    init(crawler: SharedCrawler, began: Date) {
        self.crawler = crawler
        self.configuration = crawler.configuration
        self.state = crawler.state
        self.scheduler = HostScheduler(limits: crawler.configuration.limits)
        self.jobs = CrawlJobs(fetcher: crawler.fetcher, store: nil, configuration: crawler.configuration)
        self.began = began
    }

    func loop(progressInterval: Double, progress: (@Sendable (CrawlProgress) -> Void)?) async throws(CrawlStateError) {
        var lastProgress = Date.distantPast
        await refreshCounts()
        await withTaskGroup(of: Event.self) { group in
            while fatal == nil {
                if Task.isCancelled && !interrupted {
                    interrupted = true
                    // Fetches stop; writes run in tasks of their own and finish.
                    group.cancelAll()
                }
                if !interrupted { await dispatch(&group) }
                if !held.isEmpty, Date().timeIntervalSince(lastRenew) >= crawler.leaseDuration.seconds / 3 { await renew() }
                if tasks == 0 {
                    if interrupted || fatal != nil { break }
                    if held.isEmpty {
                        if atDocumentLimit {
                            await refreshCounts()
                            reachedMaxDocuments = lastCounts.queued > 0
                            break
                        }
                        // Nothing here and nothing claimable now: done when no URL is queued or leased by anyone.
                        if lastClaimWasEmpty {
                            do {
                                let unfinished = try await state.unfinished()
                                if unfinished.queued + unfinished.leased == 0 && !unfinished.followerBehind { break }
                            } catch {
                                fatal = error as? CrawlStateError ?? CrawlStateError(.database, "\(error)")
                                break
                            }
                        }
                    }
                    scheduleWake(at: max(nextClaim, Date().addingTimeInterval(0.01)), in: &group)
                }
                guard let event = await group.next() else { break }
                tasks -= 1
                await handle(event, in: &group)
                if let progress, Date().timeIntervalSince(lastProgress) >= progressInterval {
                    lastProgress = Date()
                    if Date().timeIntervalSince(countsRead) >= max(progressInterval, 2) { await refreshCounts() }
                    progress(snapshot())
                }
            }
            group.cancelAll()
            while let event = await group.next() {
                tasks -= 1
                await handle(event, in: &group)
            }
        }
        await releaseAll()
        await refreshCounts()
        progress?(snapshot())
        if let fatal { throw fatal }
    }

    /// True once about `maxDocuments` URLs have ended across workers (as of the last count), counting this worker's
    /// since and what it holds.
    var atDocumentLimit: Bool {
        lastCounts.finished + endedSinceCounts + fetchesRunning + buffered >= configuration.maxDocuments
    }

    func refreshCounts() async {
        do {
            lastCounts = try await state.counts()
            countsRead = Date()
            endedSinceCounts = 0
        } catch {
            fatal = error
        }
    }

    // MARK: Claiming and starting

    func dispatch(_ group: inout TaskGroup<Event>) async {
        let limits = configuration.limits
        let inHand = buffered + fetchesRunning + robotsRunning.count
        // Claims keep up to two more rounds of fetches buffered, so that a claim's round trip never leaves the
        // connections idle.
        if buffered < limits.concurrency, inHand < limits.concurrency * 3, !claimInFlight, Date() >= nextClaim, !atDocumentLimit {
            // Claimed in a child task: fetches keep being answered meanwhile. A stop does not cut a claim off (its
            // leases would wait for their expiry); they are given back instead.
            claimInFlight = true
            tasks += 1
            let (state, worker, lease) = (self.state, crawler.worker, crawler.leaseDuration)
            let limit = min(limits.concurrency * 3 - inHand, configuration.maxDocuments)
            group.addTask {
                let started = ContinuousClock.now
                let result = await SharedCrawlRun.uncancelled {
                    try await state.claim(
                        worker: worker, limit: limit, perHost: limits.perHost, spacing: limits.delay, duration: lease, robotsFirst: true)
                }
                return .claimed(result, seconds: (ContinuousClock.now - started).seconds)
            }
        }
        guard !buffer.isEmpty else { return }
        let grant = await scheduler.grant(buffer.mapValues(\.count))
        for (host, count) in grant.starts {
            for _ in 0..<count {
                guard var leases = buffer[host], !leases.isEmpty else { break }
                let lease = leases.removeFirst()
                buffer[host] = leases.isEmpty ? nil : leases
                buffered -= 1
                tasks += 1
                fetchesRunning += 1
                let jobs = self.jobs
                group.addTask { .page(lease, await jobs.page(lease.entry)) }
            }
        }
        for host in grant.givenUp { giveUp(host, reason: "the host kept failing and was given up", in: &group) }
        if let next = grant.nextTime { scheduleWake(at: next, in: &group) }
    }

    func take(_ claim: Claim, in group: inout TaskGroup<Event>) async {
        for host in claim.robotsToFetch where robotsRunning.insert(host).inserted {
            tasks += 1
            let jobs = self.jobs
            group.addTask { .robots(host: host, outcome: await jobs.robots(for: host)) }
        }
        for (host, stored) in claim.storedPolicies where storedPolicies[host] != stored {
            let policy = PostgresCrawlState.policy(stored: stored)
            storedPolicies[host] = stored
            policies[host] = policy
            await scheduler.setCrawlDelay(policy.crawlDelay, for: host)
        }
        for lease in claim.leases {
            held[lease.url] = lease
            if let reason = claim.givenUp[lease.host] {
                fail(lease, FetchRecord(url: lease.url, status: nil, error: "hostGivenUp: \(reason)"), code: "hostGivenUp", in: &group)
            } else if claim.storedPolicies[lease.host] != nil, let policy = policies[lease.host], !policy.allows(lease.url) {
                let reason = "robotsDisallowed: the robots.txt of \(lease.host) disallows this URL"
                write(lease, FetchRecord(url: lease.url, status: nil, error: reason), outcome: LeaseOutcome(.skipped, code: "robotsDisallowed", detail: reason), in: &group)
            } else {
                buffer[lease.host, default: []].append(lease)
                buffered += 1
            }
        }
    }

    func scheduleWake(at date: Date, in group: inout TaskGroup<Event>) {
        if wake.schedule(at: date, in: &group, event: .wake) { tasks += 1 }
    }

    /// Extends every held lease; those another worker took meanwhile (this one stalled past the expiry) are dropped
    /// from the renewal and their completion will count as a duplicate.
    func renew() async {
        lastRenew = Date()
        do {
            let still = Set(try await state.renew(Array(held.values), duration: crawler.leaseDuration))
            let lost = held.keys.filter { !still.contains($0) }
            if !lost.isEmpty { logger.warning("\(lost.count) leases expired before they were renewed; other workers may fetch them again") }
        } catch {
            fatal = error
        }
    }

    /// Gives back the leases not fetched when the run stops, uncounted: another worker takes them at once.
    func releaseAll() async {
        for lease in held.values {
            do {
                try await state.release(lease, retryAfter: .zero, countAttempt: false)
            } catch {
                logger.warning("cannot give back \(lease.url) (\(error)); its lease expires by itself")
                break
            }
        }
        held = [:]
        buffer = [:]
        buffered = 0
    }

    func snapshot() -> CrawlProgress {
        CrawlProgress(
            fetched: fetched, queued: lastCounts.queued, running: fetchesRunning, errors: errors, endorsementsFound: endorsementsFound,
            elapsed: Date().timeIntervalSince(began))
    }
}
