import ArgumentParser
import EndorseServer
import Foundation

extension Endorse {
    /// `endorse search QUERY`: endorsed badges matching words, best first.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find endorsed badges matching words, best first.",
            discussion: """
                QUERY is plain words (all must match), "quoted phrases", -excluded words and prefix* words. \
                A query that starts with - is read as the query when it is the only one ("-welding robotics"); \
                otherwise put -- before it. Each result shows the badge, its issuer, how many \
                endorsements it has and from whom, and the matching text with matches in [brackets].
                Exit status: 0 found (even nothing), 1 database failure, 3 no database, 5 bad query or option.
                """)

        @OptionGroup var options: QueryOptions

        @Argument(help: ArgumentHelp("Words to search for in badge names, descriptions, tags and criteria.", valueName: "query"))
        var words: [String]

        @Option(help: "Results per page (1-100).")
        var limit: Int = 20

        @Option(help: "Results to skip, for paging (0-10000).")
        var offset: Int = 0

        @Flag(help: "Include badges nobody endorses.")
        var all = false

        @Option(help: ArgumentHelp("Keep badges endorsed by this endorser (profile IRI or words in its name).", valueName: "endorser"))
        var endorser: String?

        @Option(help: ArgumentHelp("Keep badges issued by this issuer (profile IRI or words in its name).", valueName: "issuer"))
        var issuer: String?

        @Flag(help: "Keep badges by acknowledgement: --acknowledged (the issuer lists the endorsement) or --unacknowledged.")
        var acknowledgement: AcknowledgementChoice?

        @Option(help: ArgumentHelp("Keep endorsements with this verification: hosted, issuer-embedded, unverified or signed.", valueName: "level"))
        var verification: String?

        enum AcknowledgementChoice: String, EnumerableFlag {
            case acknowledged, unacknowledged

            static func help(for value: Self) -> ArgumentHelp? {
                switch value {
                case .acknowledged: "Only endorsements the badge's issuer acknowledges (lists in its own document)."
                case .unacknowledged: "Only endorsements the badge's issuer does not list."
                }
            }
        }

        func run() throws {
            try reportingFailures {
                let parameters = SearchParameters(
                    text: words.joined(separator: " "), limit: String(limit), offset: String(offset), all: all ? "true" : "false",
                    endorser: endorser, issuer: issuer, acknowledged: acknowledgement.map { $0 == .acknowledged ? "true" : "false" },
                    verification: verification)
                let page = try options.withQueries { queries throws(LookupError) in try queries.search(parameters) }
                try options.print(page) { TextReport.search($0) }
            }
        }
    }
}
