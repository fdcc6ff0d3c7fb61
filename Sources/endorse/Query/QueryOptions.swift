import ArgumentParser
import EndorseServer
import EndorsementStore
import Foundation

/// Options every query command takes: which database, and whether to print JSON.
struct QueryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index database to read.", valueName: "path"))
    var db: String = EndorsementStore.defaultPath

    @Flag(name: .long, help: "Print the answer as JSON (sorted keys, ISO 8601 dates), the same shape as the HTTP API.")
    var json = false

    /// Opens the database read-only.
    /// - Throws: ``CommandFailure`` with exit status 3 when the file does not exist, 1 when it cannot be opened.
    func openStore() throws(CommandFailure) -> EndorsementStore {
        guard FileManager.default.fileExists(atPath: db) else {
            throw CommandFailure(
                LookupError(
                    .databaseMissing,
                    "database \(db) does not exist; create one with `endorse crawl` or `endorse demo`, or point --db at an existing index"),
                json: json)
        }
        do {
            return try EndorsementStore(path: db, mode: .readOnly)
        } catch {
            throw CommandFailure(LookupError.wrapping(error), json: json)
        }
    }

    /// Runs `body` against the open store; errors become ``CommandFailure``s with the documented exit statuses.
    func withQueries<T>(_ body: (IndexQueries) throws(LookupError) -> T) throws(CommandFailure) -> T {
        let queries = IndexQueries(store: try openStore())
        do {
            return try body(queries)
        } catch {
            throw CommandFailure(error, json: json)
        }
    }

    /// Prints `answer` on standard output: as endorse's JSON with `--json`, else as the table `table` renders.
    func print<Answer: Encodable>(_ answer: Answer, table: (Answer) -> String) throws {
        if json {
            try printJSON(answer)
        } else {
            Swift.print(table(answer), terminator: "")
        }
    }

    /// Prints `value` as endorse's JSON (pretty-printed, keys sorted) on standard output.
    func printJSON(_ value: some Encodable) throws {
        let data = try JSONOutput.makeEncoder(pretty: true).encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
