import ArgumentParser
import CrawlState
import CurlHTTP

/// The `endorse` command line: crawl Open Badges endorsements and query the index.
@main
struct Endorse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endorse",
        abstract: "Discover Open Badges endorsements on the web and make them searchable.",
        discussion: """
            Shell completions: `endorse --generate-completion-script bash` (or zsh, fish) prints a script to source.
            """,
        version: "endorse \(FetcherConfiguration.productVersion) (crawl state schema \(PostgresCrawlState.schemaVersion))",
        subcommands: [
            Demo.self, Crawl.self, Search.self, Endorsers.self, EndorsedBy.self, Show.self, Check.self, Verify.self, Stats.self, Serve.self, Reindex.self, Index.self,
        ]
    )
}
