import ArgumentParser
import BadgeCheck
import Crawler
import CurlHTTP
import EndorseServer
import EndorsementStore
import Foundation
import OpenBadges

extension Endorse {
    /// `endorse check INPUT`: the employer's check of the badge a candidate handed over.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a badge a candidate handed over (a baked PNG or SVG, a JSON or JWT file, or a URL): real, theirs, and who endorses it.",
            discussion: """
                Unbakes an image, fetches what the badge needs (the hosted assertion, its badge class and issuer, the \
                endorsements they list, keys, DID documents, revocation lists) with the crawler's fetcher and address \
                policy, verifies it (hosted verification, OB 2.0 signed, VC-JWT, Data Integrity, revocation, expiry), \
                matches --recipient against the credential's recipient, and lists the endorsements of the badge and \
                its issuer: those in the index (outside endorsements found on endorser sites included) and those the \
                documents carry. What was fetched is recorded in the index unless --no-save.
                Exit status: 0 valid, 20 not valid (revoked, expired, a signature that fails, a hosted copy that is \
                gone or differs, no proof, another recipient), 21 could not check (a document could not be fetched, \
                an unsupported algorithm), 1 the input cannot be read as a badge, 64 usage error.
                """)

        @Argument(help: ArgumentHelp("A PNG, SVG, JSON or JWT file (sniffed from its bytes), or an http(s) URL.", valueName: "file-or-url"))
        var input: String

        @Option(help: ArgumentHelp("Check that the badge was issued to this email address.", valueName: "email"))
        var recipient: String?

        @Flag(name: .long, help: "Print the report as JSON (the same shape as POST /api/check).")
        var json = false

        @Flag(name: .customLong("no-save"), help: "Leave the index untouched (what was fetched is not recorded).")
        var noSave = false

        @Option(name: .long, help: ArgumentHelp("The index to read endorsements from and record into.", valueName: "path"))
        var db: String = EndorsementStore.defaultPath

        @OptionGroup(title: "Requests") var fetchOptions: FetchOptions

        /// The exit status of a verdict (documented above).
        static func exitStatus(_ verdict: CheckVerdict) -> Int32 {
            switch verdict {
            case .valid: 0
            case .notValid: 20
            case .couldNotCheck: 21
            }
        }

        func run() async throws {
            let checkInput: CheckInput
            if IRI(input).isFetchable {
                checkInput = .url(IRI(input))
            } else {
                do { checkInput = .bytes(try Self.readFile(input, limit: CheckLimits.default.maxInputBytes)) } catch {
                    fail(code: "unreadableInput", error.message)
                }
            }
            let store = openStore()
            let fetcher = try CurlPageFetcher(options: fetchOptions, concurrency: 8).fetcher
            let checker = BadgeChecker(fetcher: fetcher, store: store)
            let report: CheckReport
            do {
                report = try await checker.check(checkInput, recipient: recipient, save: !noSave && store?.mode == .readWrite)
            } catch {
                fail(code: error.code.rawValue, error.reason)
            }
            if json {
                let data = try JSONOutput.makeEncoder(pretty: true).encode(report)
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            } else {
                print(TextReport.check(report, databasePath: store == nil ? nil : db), terminator: "")
                if store == nil {
                    FileHandle.standardError.write(
                        Data("endorse check: no index at \(db): only endorsements the documents carry are shown (run `endorse crawl` or `endorse demo`)\n".utf8))
                }
            }
            let status = Self.exitStatus(report.verdict)
            if status != 0 { throw ExitCode(status) }
        }

        /// The index: read-write to record what was fetched, read-only with --no-save; nil when there is none.
        private func openStore() -> EndorsementStore? {
            guard FileManager.default.fileExists(atPath: db) else { return nil }
            do {
                return try EndorsementStore(path: db, mode: noSave ? .readOnly : .readWrite)
            } catch {
                FileHandle.standardError.write(Data("endorse check: \(error); checking without the index\n".utf8))
                return nil
            }
        }

        private func fail(code: String, _ message: String) -> Never {
            if json {
                FileHandle.standardError.write(JSONOutput.errorBody(code: code, message: message, pretty: true) + Data("\n".utf8))
            } else {
                FileHandle.standardError.write(Data("endorse check: \(message)\n".utf8))
            }
            Foundation.exit(1)
        }

        /// A file's bytes, refusing more than `limit` before reading it all.
        static func readFile(_ path: String, limit: Int) throws(ValidationError) -> [UInt8] {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path): no readable file there") }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
            guard data.count <= limit else { throw ValidationError("\(path) is over the \(limit)-byte limit for a badge") }
            return Array(data)
        }
    }
}
