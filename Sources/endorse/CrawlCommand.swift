import ArgumentParser
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

        @OptionGroup(title: "Crawl bounds and politeness")
        var crawl: CrawlOptions

        @OptionGroup(title: "Requests")
        var fetch: FetchOptions

        func run() async throws {
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
