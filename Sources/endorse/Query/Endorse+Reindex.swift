import ArgumentParser
import EndorseServer
import Foundation

extension Endorse {
    /// `endorse reindex`: rebuild the index from the stored raw documents.
    struct Reindex: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the index (objects, links, search) from the raw documents stored in the database.",
            discussion: "Use after upgrading endorse. Exit status: 0 done, 1 failure, 3 no database.")

        @Option(name: .long, help: ArgumentHelp("The index database to rebuild.", valueName: "path"))
        var db: String = "Index/endorse.sqlite"

        func run() throws {
            guard FileManager.default.fileExists(atPath: db) else {
                throw CommandFailure(
                    LookupError(.databaseMissing, "database \(db) does not exist; create one with `endorse crawl` or `endorse demo`"),
                    json: false
                ).report()
            }
            FileHandle.standardError.write(Data("endorse: reindex is not available in this build yet (the store has no reindex)\n".utf8))
            throw ExitCode.failure
        }
    }
}
