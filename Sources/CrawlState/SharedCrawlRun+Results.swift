import Crawler
import EndorsementStore
import Foundation
import Logging
import OpenBadges

extension SharedCrawlRun {
    func handle(_ event: Event, in group: inout TaskGroup<Event>) async {
        switch event {
        case .wake:
            wake.fired()
            nextClaim = min(nextClaim, Date())
        case .written(let url, let result):
            if let url { held[url] = nil }
            if case .failure(let error) = result { fatal = error }
        case .completed(let urls, let result):
            completionInFlight = false
            for url in urls { held[url] = nil }
            switch result {
            case .success(let completions):
                for completion in completions {
                    if case .recorded = completion { fetched += 1 } else { duplicates += 1 }
                }
                endedSinceCounts += completions.count
                // The batch freed host slots and queued its links: worth claiming again at once.
                nextClaim = .distantPast
                idleDelay = 0.02
            case .failure(let error):
                fatal = error
            }
            flushCompletions(in: &group)
        case .claimed(let result, let seconds):
            claimInFlight = false
            claims += 1
            claimSeconds += seconds
            switch result {
            case .success(let claim):
                lastClaimWasEmpty = claim.leases.isEmpty && claim.robotsToFetch.isEmpty
                if lastClaimWasEmpty {
                    nextClaim = Date().addingTimeInterval(idleDelay)
                    idleDelay = min(idleDelay * 2, 0.5)
                } else {
                    idleDelay = 0.02
                }
                await take(claim, in: &group)
            case .failure(let error):
                fatal = error
            }
        case .robots(let host, let outcome):
            await handleRobots(host: host, outcome: outcome, in: &group)
        case .page(let lease, let page):
            fetchesRunning -= 1
            await handlePage(lease, page, in: &group)
        }
    }

    // MARK: robots.txt

    private func handleRobots(host: String, outcome: RobotsPolicy.FetchOutcome, in group: inout TaskGroup<Event>) async {
        robotsRunning.remove(host)
        logger.debug("robots.txt of \(host): \(outcome)")
        let policy: RobotsPolicy
        switch outcome {
        case .policy(let found):
            policy = found
        case .redirect:
            policy = .allowAll
        case .unavailable(let reason):
            // Stopping: the robots lease expires and another worker fetches it.
            guard !interrupted else { return }
            do {
                if let givenUp = try await state.robotsFailed(
                    host, reason: reason, backoff: configuration.retry.baseDelay, maxBackoff: configuration.retry.maxDelay,
                    attempts: configuration.robotsAttempts)
                {
                    logger.warning("giving up \(host): \(givenUp)")
                }
            } catch {
                fatal = error
            }
            return
        }
        robotsFetched += 1
        policies[host] = policy
        await scheduler.setCrawlDelay(policy.crawlDelay, for: host)
        let spacing = min(max(policy.crawlDelay ?? 0, 0), configuration.limits.maxCrawlDelay)
        do {
            try await state.storeRobots(policy, of: host, spacing: spacing, maxPagesPerHost: configuration.maxPagesPerHost)
        } catch {
            fatal = error
        }
    }

    // MARK: Documents

    private func handlePage(_ lease: Lease, _ page: PageResult, in group: inout TaskGroup<Event>) async {
        let host = lease.host
        logger.debug("\(lease.url) (attempt \(lease.attempt)): \((try? page.result.get()).map { "HTTP \($0.status)" } ?? "\(page.result)")")
        switch page.result {
        case .failure(let failure):
            if interrupted || failure.code == PageFailure.cancelled.code {
                await scheduler.finish(host, .answered)
                release(lease, after: 0, countAttempt: false, in: &group)
                return
            }
            let hostGaveUp = await scheduler.finish(host, failure.isRetryable ? .failed : .answered)
            let decision = configuration.retry.decision(attempts: lease.attempt, status: nil, retryable: failure.isRetryable, retryAfter: nil)
            if case .retry(let after) = decision, !hostGaveUp {
                release(lease, after: after, in: &group)
            } else {
                fail(lease, FetchRecord(url: lease.url, status: nil, fetchedAt: page.fetchedAt, error: failure.description), code: failure.code, in: &group)
            }
            if hostGaveUp { giveUp(host, reason: "the host kept failing (last: \(failure.description))", in: &group) }
        case .success(let response):
            let status = response.status
            let throttled = status == 429 || status == 503
            let hostPause =
                throttled
                ? min(max(response.retryAfter ?? configuration.retry.backoff(attempts: lease.attempt, jitter: 1), 0), configuration.retry.maxRetryAfter)
                : 0
            let hostGaveUp = await scheduler.finish(host, throttled ? .retryAfter(hostPause) : status >= 500 ? .failed : .answered)
            let fetch = FetchRecord(
                url: lease.url, status: status, contentType: response.contentType, etag: response.etag, lastModified: response.lastModified,
                body: response.body, fetchedAt: page.fetchedAt, redirectTo: response.location)
            if throttled || status >= 500 {
                let decision = configuration.retry.decision(attempts: lease.attempt, status: status, retryable: true, retryAfter: response.retryAfter)
                if case .retry(let after) = decision, !hostGaveUp {
                    // A Retry-After holds the host for every worker, not only this URL.
                    release(lease, after: after, pauseHost: throttled ? hostPause : nil, in: &group)
                } else {
                    fail(lease, fetch, code: "http\(status)", in: &group)
                }
            } else if status == 304 {
                write(lease, fetch, outcome: .done, in: &group)
            } else if (300..<400).contains(status) {
                redirect(lease, fetch, to: response.location, in: &group)
            } else if status >= 400 {
                fail(lease, fetch, code: "http\(status)", in: &group)
            } else {
                accept(lease, page, fetch, in: &group)
            }
            if hostGaveUp { giveUp(host, reason: "the host kept failing (last: HTTP \(status))", in: &group) }
        }
    }

    /// A 2xx document: record it with the links it leads to, as a single-process crawl would queue them.
    private func accept(_ lease: Lease, _ page: PageResult, _ fetch: FetchRecord, in group: inout TaskGroup<Event>) {
        endorsementsFound += page.parsed?.endorsements.count ?? 0
        var explore: [String: Int] = [:]
        for host in page.hostsToExplore { explore[host] = lease.depth + 1 }
        let code = page.parseError.map { String($0.prefix { $0 != ":" }) }
        if page.parseError != nil { errors += 1 }
        write(
            lease, fetch, outcome: LeaseOutcome(.done, code: code, detail: page.parseError), links: page.discovered.map(FrontierLink.init),
            explore: explore, in: &group)
    }

    /// A 3xx: record it and queue its target as a hop of its own.
    private func redirect(_ lease: Lease, _ fetch: FetchRecord, to location: IRI?, in group: inout TaskGroup<Event>) {
        guard let location, location.isFetchable else {
            fail(lease, fetch, code: "redirectWithoutLocation", in: &group)
            return
        }
        guard lease.hops < configuration.maxRedirects else {
            fail(lease, fetch, code: "tooManyRedirects", in: &group)
            return
        }
        let hop = FrontierLink(url: location, depth: lease.depth, reason: lease.reason, pageDepth: lease.pageDepth, hops: lease.hops + 1)
        write(lease, fetch, outcome: .done, links: [hop], in: &group)
    }

    /// A final failure: record it and end the URL as failed.
    func fail(_ lease: Lease, _ fetch: FetchRecord, code: String, in group: inout TaskGroup<Event>) {
        errors += 1
        write(lease, fetch, outcome: LeaseOutcome(.failed, code: code, detail: fetch.error ?? fetch.status.map { "HTTP \($0)" }), in: &group)
    }

    /// Gives a host up for every worker; the URLs of it this worker holds end as failed, the others as they are claimed.
    func giveUp(_ host: String, reason: String, in group: inout TaskGroup<Event>) {
        if locallyGivenUp.insert(host).inserted { logger.warning("giving up \(host): \(reason)") }
        for lease in buffer.removeValue(forKey: host) ?? [] {
            buffered -= 1
            fail(lease, FetchRecord(url: lease.url, status: nil, error: "hostGivenUp: \(reason)"), code: "hostGivenUp", in: &group)
        }
        let state = self.state
        spawnWrite(nil, in: &group) {
            try await state.giveUp(host, reason: reason)
        }
    }

    // MARK: Writes

    /// Queues the completion of `lease` for the next batch (written as soon as no other batch is being written).
    func write(
        _ lease: Lease, _ fetch: FetchRecord, outcome: LeaseOutcome, links: [FrontierLink] = [], explore: [String: Int] = [:],
        in group: inout TaskGroup<Event>
    ) {
        pendingCompletions.append(LeaseCompletion(lease: lease, fetch: fetch, links: links, outcome: outcome, explore: explore))
        flushCompletions(in: &group)
    }

    /// Writes the queued completions in one transaction, unless a batch is being written: what arrives meanwhile
    /// waits for the next, so batches grow as the writes fall behind and stay small while they keep up.
    func flushCompletions(in group: inout TaskGroup<Event>) {
        guard !completionInFlight, !pendingCompletions.isEmpty else { return }
        let batch = pendingCompletions
        pendingCompletions = []
        completionInFlight = true
        batches += 1
        tasks += 1
        let state = self.state
        let maxPages = configuration.maxPagesPerHost
        group.addTask {
            let result = await SharedCrawlRun.uncancelled { try await state.complete(batch, maxPagesPerHost: maxPages) }
            return .completed(batch.map(\.lease.url), result)
        }
    }

    /// Gives `lease` back, to be fetched again after `seconds` by any worker.
    func release(_ lease: Lease, after seconds: Double, pauseHost: Double? = nil, countAttempt: Bool = true, in group: inout TaskGroup<Event>) {
        let state = self.state
        spawnWrite(lease.url, in: &group) {
            try await state.release(lease, retryAfter: .milliseconds(Int(max(0, seconds) * 1000)), pauseHost: pauseHost, countAttempt: countAttempt)
        }
    }

    /// Runs `body` (a release, a host given up) in a task a stop does not cancel, reported as ``Event/written(_:_:)``.
    private func spawnWrite(
        _ url: IRI?, in group: inout TaskGroup<Event>, _ body: @Sendable @escaping () async throws -> Void
    ) {
        tasks += 1
        group.addTask {
            return .written(url, await SharedCrawlRun.uncancelled(body))
        }
    }

    /// Runs `body` in a task of its own, which a stop does not cancel (a claim or a write cut off midway would
    /// leave leases to wait for their expiry), and hands its outcome back as a value.
    static func uncancelled<Value: Sendable>(_ body: @Sendable @escaping () async throws -> Value) async -> Result<Value, CrawlStateError> {
        await Task { () -> Result<Value, CrawlStateError> in
            do {
                return .success(try await body())
            } catch {
                return .failure(error as? CrawlStateError ?? CrawlStateError(.database, "\(error)"))
            }
        }.value
    }
}
