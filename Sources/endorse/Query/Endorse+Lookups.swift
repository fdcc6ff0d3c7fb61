import ArgumentParser
import EndorseServer
import Foundation

extension Endorse {
    /// `endorse endorsers BADGE`: the employer's lookup.
    struct Endorsers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who endorses a badge, and who endorses its issuer.",
            discussion: """
                BADGE is a badge IRI, an assertion IRI (resolved to its badge), or words naming the badge. \
                When the words match several badges, the candidates are listed and the exit status is 6.
                Each endorsement shows its endorser, whether the badge's issuer acknowledges it, where it was \
                published and how far it is verified.
                Exit status: 0 found, 1 database failure, 3 no database, 4 not found, 5 bad input, 6 ambiguous.
                """)

        @OptionGroup var options: QueryOptions

        @Argument(help: ArgumentHelp("A badge IRI, an assertion IRI, or words naming the badge.", valueName: "badge"))
        var badge: [String]

        func run() throws {
            try reportingFailures {
                let input = badge.joined(separator: " ")
                let answer = try options.withQueries { queries throws(LookupError) in try queries.endorsers(ofBadge: input) }
                try options.print(answer) { TextReport.badge($0) }
            }
        }
    }

    /// `endorse endorsed-by ENDORSER`: everything an endorser endorses.
    struct EndorsedBy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "endorsed-by",
            abstract: "Show everything an endorser endorses.",
            discussion: """
                ENDORSER is a profile IRI or words naming the endorser; ambiguous words list the candidates (exit status 6).
                Exit status: 0 found, 1 database failure, 3 no database, 4 not found, 5 bad input, 6 ambiguous.
                """)

        @OptionGroup var options: QueryOptions

        @Argument(help: ArgumentHelp("A profile IRI, or words naming the endorser.", valueName: "endorser"))
        var endorser: [String]

        func run() throws {
            try reportingFailures {
                let input = endorser.joined(separator: " ")
                let answer = try options.withQueries { queries throws(LookupError) in try queries.endorsements(byEndorser: input) }
                try options.print(answer) { TextReport.endorser($0) }
            }
        }
    }

    /// `endorse show IRI`: one stored object or document.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one stored object or fetched document, with its links in and out.",
            discussion: "Exit status: 0 found, 1 database failure, 3 no database, 4 not in the index.")

        @OptionGroup var options: QueryOptions

        @Argument(help: ArgumentHelp("The IRI of a badge, profile, assertion, endorsement or fetched URL.", valueName: "iri"))
        var iri: String

        func run() throws {
            try reportingFailures {
                let answer = try options.withQueries { queries throws(LookupError) in try queries.document(id: iri) }
                try options.print(answer) { TextReport.document($0) }
            }
        }
    }

    /// `endorse stats`: what the index holds.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what the index holds: documents by status, objects, endorsements by acknowledgement and verification.",
            discussion: "Exit status: 0, 1 database failure, 3 no database.")

        @OptionGroup var options: QueryOptions

        func run() throws {
            try reportingFailures {
                let answer = try options.withQueries { queries throws(LookupError) in try queries.stats() }
                try options.print(answer) { TextReport.stats($0, path: options.db) }
            }
        }
    }
}
