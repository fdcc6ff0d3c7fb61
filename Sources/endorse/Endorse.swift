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

    /// Parses and runs as `AsyncParsableCommand.main()` does, except that `endorse search "-welding robotics"`
    /// searches: a search whose only words begin with `-` reads them as the query, where argument-parser alone
    /// reads an unknown option (and exits 64).
    static func main() async {
        do {
            let command = try parseReadingDashQuery(Array(CommandLine.arguments.dropFirst()))
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                var synchronous = command
                try synchronous.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    /// `parseAsRoot(arguments)`; when that does not give a search on `search` (an unknown option, or help read from a
    /// word with an `h` as a cluster of short options), the same arguments with one word that begins with `-` moved
    /// after `--`, if the search then has that word as its whole query.
    static func parseReadingDashQuery(_ arguments: [String]) throws -> any ParsableCommand {
        let parsed = Result { try parseAsRoot(arguments) }
        let askedForHelp = arguments.contains("-h") || arguments.contains("--help")
        guard arguments.first == "search", !arguments.contains("--"), !askedForHelp else { return try parsed.get() }
        if case .success(let command) = parsed, command is Search { return command }
        for (index, word) in arguments.enumerated().dropFirst() where word.hasPrefix("-") && !word.hasPrefix("--") && word.count > 1 {
            var moved = arguments
            moved.remove(at: index)
            if let command = try? parseAsRoot(moved + ["--", word]), let search = command as? Search, search.words == [word] {
                return search
            }
        }
        return try parsed.get()
    }
}
