import ArgumentParser

/// Benchmarks for endorse: each subcommand measures one part against a reference tool and prints a ratio.
@main
struct EndorseBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endorse-bench",
        abstract: "Measure endorse's fetcher, index and crawler against reference tools.",
        subcommands: [Fetch.self, IndexBenchmark.self, ServeBenchmark.self, Crawl.self, Verify.self, Proofs.self]
    )
}
