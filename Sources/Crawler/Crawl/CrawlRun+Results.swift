import EndorsementStore
import Foundation
import Logging
import OpenBadges

extension CrawlRun {
    func handle(_ result: CrawlJobResult) async {
        switch result {
        case .wake:
            wake.fired()
            frontierDry = false
        case .committed(let result):
            commitInFlight = false
            apply(result)
        case .robots(let host, let outcome):
            await handleRobots(host: host, outcome: outcome)
        case .page(let page):
            fetchesRunning -= 1
            await handlePage(page)
        }
    }

    // MARK: robots.txt

    private func handleRobots(host: String, outcome: RobotsPolicy.FetchOutcome) async {
        logger.debug("robots.txt of \(host): \(outcome)")
        await scheduler.finish(host, .answered)
        switch outcome {
        case .policy(let policy):
            robots[host] = .known(policy)
            skipDisallowed(host: host, policy: policy)
            await scheduler.setCrawlDelay(policy.crawlDelay, for: host)
            if (try? crawler.frontier.isExplored(host)) == true { enqueueSitemaps(of: host, policy: policy, depth: 1) }
        case .redirect:
            robots[host] = .known(.allowAll)
        case .unavailable(let reason):
            if interrupted {
                robots[host] = nil
                return
            }
            var attempts = 1
            if case .fetching(let failures) = robots[host] { attempts = failures + 1 }
            if attempts >= configuration.robotsAttempts {
                robots[host] = .failed(attempts: attempts)
                giveUp(host, code: "robotsUnavailable", reason: "its robots.txt could not be fetched (\(reason)); RFC 9309 says assume disallow")
            } else {
                robots[host] = .failed(attempts: attempts)
                let wait = configuration.retry.backoff(attempts: attempts, jitter: .random(in: 0...1))
                await scheduler.pause(host, until: Date().addingTimeInterval(wait))
            }
        }
    }

    // MARK: Documents

    private func handlePage(_ page: PageResult) async {
        let entry = page.entry
        let host = entry.host
        logger.debug("\(entry.url) (attempt \(entry.attempts + 1)): \((try? page.result.get()).map { "HTTP \($0.status)" } ?? "\(page.result)")")
        switch page.result {
        case .failure(let failure):
            if interrupted || failure.code == PageFailure.cancelled.code {
                await scheduler.finish(host, .answered)
                release(entry)
                return
            }
            let hostGaveUp = await scheduler.finish(host, failure.isRetryable ? .failed : .answered)
            let decision = configuration.retry.decision(
                attempts: entry.attempts + 1, status: nil, retryable: failure.isRetryable, retryAfter: nil)
            if case .retry(let after) = decision, !hostGaveUp {
                retry(entry, after: after, code: failure.code)
            } else {
                fail(entry, FetchRecord(url: entry.url, status: nil, fetchedAt: page.fetchedAt, error: failure.description), code: failure.code)
            }
            if hostGaveUp { giveUp(host, code: "hostGivenUp", reason: "the host kept failing (last: \(failure.description))") }
        case .success(let response):
            let status = response.status
            let throttled = status == 429 || status == 503
            let hostResult: HostScheduler.Result =
                throttled
                // The host waits as long as the URL's retry does: a Retry-After of a day must not stall the host for a day.
                ? .retryAfter(
                    min(
                        max(response.retryAfter ?? configuration.retry.backoff(attempts: entry.attempts + 1, jitter: 1), 0),
                        configuration.retry.maxRetryAfter))
                : status >= 500 ? .failed : .answered
            let hostGaveUp = await scheduler.finish(host, hostResult)
            let fetch = FetchRecord(
                url: entry.url, status: status, contentType: response.contentType, etag: response.etag, lastModified: response.lastModified,
                body: response.body, fetchedAt: page.fetchedAt, redirectTo: response.location)
            if throttled || status >= 500 {
                let decision = configuration.retry.decision(
                    attempts: entry.attempts + 1, status: status, retryable: true, retryAfter: response.retryAfter)
                if case .retry(let after) = decision, !hostGaveUp {
                    retry(entry, after: after, code: "http\(status)")
                } else {
                    fail(entry, fetch, code: "http\(status)")
                }
            } else if status == 304 {
                accept(entry, fetch, parsed: nil, parseError: nil, discovered: [])
            } else if (300..<400).contains(status) {
                redirect(entry, fetch, to: response.location)
            } else if status >= 400 {
                fail(entry, fetch, code: "http\(status)")
            } else {
                accept(page, fetch)
            }
            if hostGaveUp { giveUp(host, code: "hostGivenUp", reason: "the host kept failing (last: HTTP \(status))") }
        }
    }

    /// A 2xx document: record it with its objects and queue what it links to.
    private func accept(_ page: PageResult, _ fetch: FetchRecord) {
        let entry = page.entry
        for host in page.hostsToExplore { pending.explore[host] = min(pending.explore[host] ?? .max, entry.depth + 1) }
        endorsementsFound += page.parsed?.endorsements.count ?? 0
        let parsed = page.parsed.flatMap { $0.isOpenBadges ? $0 : nil }
        accept(entry, fetch, parsed: parsed, parseError: page.parseError, discovered: page.discovered, offlineChecks: page.offlineChecks)
    }

    private func accept(
        _ entry: FrontierEntry, _ fetch: FetchRecord, parsed: ParsedDocument?, parseError: String?, discovered: [FrontierCandidate],
        offlineChecks: [OfflineCheck] = []
    ) {
        pending.add(fetch, parsed: parsed, parseError: parseError, offlineChecks: offlineChecks)
        let code = parseError.map { String($0.prefix { $0 != ":" }) }
        pending.complete(entry, FrontierOutcome(state: .done, code: code, detail: parseError), discovered: discovered)
        fetched += 1
        finished += 1
        if parseError != nil { errors += 1 }
    }

    /// A 3xx: record it and queue its target as a hop of its own (checked for scope, robots and address).
    private func redirect(_ entry: FrontierEntry, _ fetch: FetchRecord, to location: IRI?) {
        guard let location, location.isFetchable else {
            fail(entry, fetch, code: "redirectWithoutLocation")
            return
        }
        guard entry.hops < configuration.maxRedirects else {
            fail(entry, fetch, code: "tooManyRedirects")
            return
        }
        let hop = FrontierCandidate(url: location, reason: entry.reason, depth: entry.depth, pageDepth: entry.pageDepth, hops: entry.hops + 1)
        pending.add(fetch, parsed: nil, parseError: nil)
        pending.complete(entry, .done, discovered: [hop])
        fetched += 1
        finished += 1
    }

    /// A final failure: record it and end the entry as failed.
    private func fail(_ entry: FrontierEntry, _ fetch: FetchRecord, code: String) {
        pending.add(fetch, parsed: nil, parseError: nil)
        pending.complete(entry, FrontierOutcome(state: .failed, code: code, detail: fetch.error ?? fetch.status.map { "HTTP \($0)" }))
        fetched += 1
        finished += 1
        errors += 1
    }

    private func retry(_ entry: FrontierEntry, after seconds: Double, code: String) {
        do {
            try crawler.frontier.retry(entry, notBefore: Date().addingTimeInterval(seconds), code: code)
            untake(entry.id, host: entry.host)
            frontierDry = false
        } catch {
            fatal = CrawlError(.database, "cannot write to the crawl frontier: \(error)")
        }
    }

    /// Lets go of an entry whose fetch was cut short by the stop: it stays queued for the next run.
    private func release(_ entry: FrontierEntry) {
        untake(entry.id, host: entry.host)
    }
}
