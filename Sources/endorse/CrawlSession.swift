import ArgumentParser
import Crawler
import CurlHTTP
import EndorsementStore
import Foundation
import Logging
import OpenBadges

/// Runs one crawl for the CLI: opens the index, wires the fetcher, shows progress, stops gracefully on
/// SIGINT/SIGTERM (what was fetched is committed; `endorse crawl` resumes), and prints the summary.
struct CrawlSession {
    var databasePath: String
    var configuration: CrawlConfiguration
    var fetcher: any PageFetcher
    var quiet: Bool

    /// Runs the crawl. Throws `ExitCode` 1 with a message on stderr when it cannot run.
    func run(_ start: Crawler.Start) async throws -> (summary: CrawlSummary, store: EndorsementStore) {
        let store: EndorsementStore
        let frontier: Frontier
        do {
            store = try EndorsementStore(path: databasePath, mode: .readWrite, writerCacheKiB: EndorsementStore.crawlWriterCacheKiB)
            frontier = Frontier(store: store)
        } catch {
            Self.fail("cannot open the index \(databasePath): \(error)")
        }
        var logger = Logger(label: "endorse.crawl")
        logger.logLevel = quiet ? .warning : .info
        if let level = ProcessInfo.processInfo.environment["ENDORSE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { logger.logLevel = level }
        let crawler = Crawler(configuration: configuration, store: store, frontier: frontier, fetcher: fetcher, logger: logger)
        let display = ProgressDisplay(quiet: quiet, logger: logger)
        let summary = try await SignalWatcher.run {
            try await crawler.run(start, progressInterval: display.interval) { display.show($0) }
        } stopping: {
            display.note("stopping: committing what was fetched (press Ctrl-C again to quit at once)")
        }
        display.finish()
        guard let summary else { Self.fail("the crawl stopped without a summary") }
        print(summary.text)
        if !summary.interrupted && summary.fetched > 0 {
            // Many small commits leave many small search-index segments; merge them for faster searches, briefly.
            let clock = ContinuousClock()
            let started = clock.now
            do {
                let merged = try store.mergeSearchIndex(budget: .seconds(5))
                let seconds = (clock.now - started).components
                let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18
                logger.info(
                    "search index segments \(merged ? "merged" : "partly merged (the next crawl goes on)") in \(String(format: "%.1f", elapsed)) s")
            } catch {
                logger.warning("could not merge the search index's segments: \(error); searches still work")
            }
        }
        return (summary, store)
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("endorse: \(message)\n".utf8))
        Foundation.exit(1)
    }
}

/// The live progress line on a terminal (redrawn with `\r`), periodic log lines otherwise.
struct ProgressDisplay: Sendable {
    let quiet: Bool
    let logger: Logger
    let isTerminal = isatty(STDERR_FILENO) == 1

    var interval: Double { isTerminal ? 0.25 : 10 }

    func show(_ progress: CrawlProgress) { show(line: progress.line) }

    /// Shows `line` as the progress line (redrawn in place on a terminal, logged otherwise).
    func show(line: String) {
        guard !quiet else { return }
        if isTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        } else {
            logger.info("\(line)")
        }
    }

    func note(_ message: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data(((isTerminal ? "\n" : "") + message + "\n").utf8))
    }

    func finish() {
        if isTerminal && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
