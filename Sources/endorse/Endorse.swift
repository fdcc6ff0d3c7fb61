import ArgumentParser

/// The `endorse` command line: crawl Open Badges endorsements and query the index.
@main
struct Endorse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endorse",
        abstract: "Discover Open Badges endorsements on the web and make them searchable.",
        subcommands: [Demo.self, Search.self, Endorsers.self, EndorsedBy.self, Show.self, Stats.self, Serve.self, Reindex.self]
    )
}

extension Endorse {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crawl the offline sample web into Index/endorse.sqlite and show example answers."
        )

        func run() async throws {
            print("endorse demo: the crawler is not built yet (see the open issues); nothing to do.")
        }
    }
}
