import ArgumentParser
import EndorseServer
import EndorsementStore
import Foundation
import OpenBadges

extension Endorse {
    /// `endorse reindex`: rebuild the index from the stored raw documents.
    struct Reindex: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the index (objects, links, search) from the raw documents stored in the database.",
            discussion: """
                Parses every stored response body again with this endorse's parser, without fetching anything. \
                Use after upgrading endorse. Stop `endorse crawl` first: the rebuild is one write transaction.
                Exit status: 0 done, 1 failure, 3 no database.
                """)

        @Option(name: .long, help: ArgumentHelp("The index database to rebuild.", valueName: "path"))
        var db: String = EndorsementStore.defaultPath

        func run() throws {
            guard FileManager.default.fileExists(atPath: db) else {
                throw CommandFailure(
                    LookupError(.databaseMissing, "database \(db) does not exist; create one with `endorse crawl` or `endorse demo`"),
                    json: false
                ).report()
            }
            let started = Date()
            let count: Int
            do {
                let store = try EndorsementStore(path: db, mode: .readWrite)
                count = try store.reindex(with: DocumentParser())
            } catch {
                throw CommandFailure(LookupError.wrapping(error), json: false).report()
            }
            print(String(format: "endorse: reindexed %d documents of %@ in %.1f s", count, db, Date().timeIntervalSince(started)))
        }
    }
}
