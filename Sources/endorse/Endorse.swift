import ArgumentParser

/// The `endorse` command line: crawl Open Badges endorsements and query the index.
@main
struct Endorse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endorse",
        abstract: "Discover Open Badges endorsements on the web and make them searchable.",
        subcommands: [
            Demo.self, Crawl.self, Search.self, Endorsers.self, EndorsedBy.self, Show.self, Check.self, Verify.self, Stats.self, Serve.self, Reindex.self, Index.self,
        ]
    )
}
