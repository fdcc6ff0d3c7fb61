import ArgumentParser
import EndorseServer
import EndorsementStore
import Foundation
import Logging
import OpenBadges

extension Endorse {
    /// `endorse reindex`: rebuild the index from the stored raw documents.
    struct Reindex: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the index (objects, links, search) from the raw documents stored in the database.",
            discussion: """
                Parses every stored response body again with this endorse's parser, without fetching anything, \
                then merges the search index. Use after upgrading endorse. Stop `endorse crawl` first: the rebuild \
                is one write transaction, so a failure or an interruption leaves the index as it was. Progress goes to \
                standard error: a line redrawn in place on a terminal, a log line every 10 s otherwise.
                Exit status: 0 done, 1 failure, 3 no database.
                """)

        @Option(name: .long, help: ArgumentHelp("The index database to rebuild.", valueName: "path"))
        var db: String = EndorsementStore.defaultPath

        @Flag(help: "No progress output; only the summary and errors.")
        var quiet = false

        func run() throws {
            guard FileManager.default.fileExists(atPath: db) else {
                throw CommandFailure(
                    LookupError(.databaseMissing, "database \(db) does not exist; create one with `endorse crawl` or `endorse demo`"),
                    json: false
                ).report()
            }
            let started = Date()
            let display = ProgressDisplay(quiet: quiet, logger: Logger(label: "endorse.reindex"))
            let count: Int
            do {
                let store = try EndorsementStore(path: db, mode: .readWrite)
                var shown = Date.distantPast
                count = try store.reindex(with: DocumentParser()) { progress in
                    // The store reports every chunk; show at the display's pace, and every change of phase.
                    guard progress.phase == .linking || Date().timeIntervalSince(shown) >= display.interval else { return }
                    shown = Date()
                    display.show(line: progress.line)
                }
                display.show(line: "reindex: merging the search index")
                try store.optimize()
                display.finish()
            } catch {
                display.finish()
                throw CommandFailure(LookupError.wrapping(error), json: false).report()
            }
            print(String(format: "endorse: reindexed %d documents of %@ in %.1f s", count, db, Date().timeIntervalSince(started)))
        }
    }
}
