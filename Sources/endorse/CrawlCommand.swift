import ArgumentParser
import CrawlState
import Crawler
import EndorsementStore
import Foundation
import OpenBadges

extension Endorse {
    /// `endorse crawl`: discover endorsements from seed URLs into the index.
    struct Crawl: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crawl Open Badges endorsements from seed URLs into the index.",
            discussion: """
                Seeds are issuer profiles, badge classes, endorser profiles or endorsements: a file with one URL per line \
                (# comments), or URLs given as arguments. An unfinished crawl (killed, interrupted) is resumed. \
                With --state, the crawl is shared through PostgreSQL: run `endorse crawl --state URL` on any number of \
                machines and they crawl one frontier together, politely across all of them; the documents are kept in \
                PostgreSQL and `endorse index --from URL` builds the index from them. \
                Exit status: 0 when the crawl finished (per-URL errors are recorded in the index), 1 when it could not \
                run, 130 when interrupted (run again to resume).
                """)

        @Argument(help: ArgumentHelp("A seed file, or seed URLs (default: Seeds/issuers.txt).", valueName: "seeds-file|url"))
        var seeds: [String] = []

        @Option(help: "The index database.")
        var db = EndorsementStore.defaultPath

        @Flag(help: "Only continue the unfinished crawl, adding no seeds (resuming is automatic otherwise too).")
        var resume = false

        @Flag(help: "No progress output; only the summary and errors.")
        var quiet = false

        @Option(
            help: ArgumentHelp(
                "Share the crawl through PostgreSQL, postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default: $ENDORSE_STATE_URL); --db is not used.",
                valueName: "url"))
        var state: String?

        @Option(help: ArgumentHelp("This worker's name in a shared crawl (default: HOST:PID).", valueName: "name"))
        var worker: String?

        @Option(help: ArgumentHelp("Seconds a shared crawl's claimed URL stays this worker's unless renewed.", valueName: "seconds"))
        var lease: Double = 60

        @OptionGroup(title: "Crawl bounds and politeness")
        var crawl: CrawlOptions

        @OptionGroup(title: "Requests")
        var fetch: FetchOptions

        func validate() throws {
            guard lease >= 1, lease <= 3600 else { throw ValidationError("--lease must be between 1 and 3600 seconds") }
        }

        func run() async throws {
            if let url = state ?? ProcessInfo.processInfo.environment["ENDORSE_STATE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
                let seeds: [IRI]
                do {
                    seeds = resume ? [] : try seedURLs()
                } catch {
                    CrawlSession.fail(error.description)
                }
                let session = SharedCrawlSession(
                    location: url, worker: worker ?? SharedCrawler.defaultWorkerName(), lease: lease, configuration: try crawl.configuration(),
                    fetcher: try CurlPageFetcher(options: fetch, concurrency: crawl.concurrency), quiet: quiet)
                let summary = try await session.run(seeds: seeds)
                if summary.interrupted { throw ExitCode(130) }
                return
            }
            let start: Crawler.Start
            if resume {
                start = .resume
            } else {
                do {
                    start = .seeds(try seedURLs())
                } catch {
                    CrawlSession.fail(error.description)
                }
            }
            let session = CrawlSession(
                databasePath: db, configuration: try crawl.configuration(),
                fetcher: try CurlPageFetcher(options: fetch, concurrency: crawl.concurrency), quiet: quiet)
            let (summary, _) = try await session.run(start)
            if summary.interrupted { throw ExitCode(130) }
        }

        private func seedURLs() throws(CrawlError) -> [IRI] {
            if seeds.isEmpty { return try SeedList.read(path: "Seeds/issuers.txt") }
            var urls: [IRI] = []
            for argument in seeds {
                if IRI(argument).isFetchable {
                    urls.append(IRI(argument))
                } else {
                    urls += try SeedList.read(path: argument)
                }
            }
            return urls
        }
    }
}
