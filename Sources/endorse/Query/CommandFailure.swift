import ArgumentParser
import EndorseServer
import Foundation
import OpenBadges

/// A failed query command: prints its message to standard error and exits with a status scripts can rely on.
///
/// Exit statuses: 0 success, 1 database or other runtime failure, 3 database missing, 4 not found,
/// 5 bad query or parameter, 6 ambiguous words (candidates listed), 64 usage error (ArgumentParser's `EX_USAGE`).
struct CommandFailure: Error {
    let error: LookupError
    let json: Bool

    init(_ error: LookupError, json: Bool) {
        self.error = error
        self.json = json
    }

    /// The exit status for an error code.
    static func exitStatus(for code: LookupError.Code) -> Int32 {
        switch code {
        case .database: 1
        case .databaseMissing: 3
        case .notFound: 4
        case .missingParameter, .invalidParameter, .invalidQuery: 5
        case .ambiguous: 6
        }
    }

    /// Writes the message (or, with `--json`, the JSON error body) to standard error and returns the exit code to throw.
    func report() -> ExitCode {
        if json {
            FileHandle.standardError.write(JSONOutput.errorBody(error, pretty: true) + Data("\n".utf8))
        } else {
            var text = "endorse: \(error.message)\n"
            if !error.candidates.isEmpty {
                for candidate in error.candidates {
                    var line = "  " + (candidate.name ?? "(no name)")
                    if let issuer = candidate.issuer { line += " (by \(issuer))" }
                    text += TextTable.fit(line, to: TextReport.width) + "\n    " + candidate.id.string + "\n"
                }
            }
            FileHandle.standardError.write(Data(text.utf8))
        }
        return ExitCode(Self.exitStatus(for: error.code))
    }
}

extension ParsableCommand {
    /// Runs a query command body, turning ``CommandFailure`` into its message and exit status.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CommandFailure {
            throw failure.report()
        }
    }
}
