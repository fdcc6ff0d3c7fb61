import ArgumentParser
import CrawlState
import Crawler
import Foundation
import Logging
import OpenBadges

/// Runs one worker of a shared crawl for the CLI: connects to the state, shows progress, stops gracefully on
/// SIGINT/SIGTERM (what was fetched is recorded, the other leases are given back), and prints the summary.
struct SharedCrawlSession {
    var location: String
    var worker: String
    var lease: Double
    var configuration: CrawlConfiguration
    var fetcher: any PageFetcher
    var quiet: Bool

    func run(seeds: [IRI]) async throws -> SharedCrawlSummary {
        var logger = Logger(label: "endorse.crawl")
        logger.logLevel = quiet ? .warning : .info
        if let level = ProcessInfo.processInfo.environment["ENDORSE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { logger.logLevel = level }
        let state: PostgresCrawlState
        do {
            state = try await PostgresCrawlState(location: try StateLocation(location), logger: logger)
        } catch {
            CrawlSession.fail("\(error)")
        }
        defer { state.close() }
        let crawler = SharedCrawler(
            configuration: configuration, state: state, fetcher: fetcher, worker: worker, leaseDuration: .milliseconds(Int(lease * 1000)),
            logger: logger)
        let display = ProgressDisplay(quiet: quiet, logger: logger)
        let summary: SharedCrawlSummary?
        do {
            summary = try await SignalWatcher.run {
                try await crawler.run(seeds: seeds, progressInterval: display.interval) { display.show($0) }
            } stopping: {
                display.note("stopping: recording what was fetched and giving the other URLs back (press Ctrl-C again to quit at once)")
            }
        } catch {
            display.finish()
            CrawlSession.fail("the shared crawl at \(state.location) failed: \(error)")
        }
        display.finish()
        guard let summary else { CrawlSession.fail("the crawl stopped without a summary") }
        print(summary.text)
        return summary
    }
}
