import ArgumentParser
import Crawler
import CurlHTTP
import EndorseServer
import Foundation
import OpenBadges
import Verification

extension Endorse {
    /// `endorse verify FILE|URL`: checks the signature of one credential or endorsement, and of the signed
    /// endorsements it embeds.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the signature of a credential or endorsement (a compact JWS or a JSON file, or a URL).",
            discussion: """
                Checks the signature (RS256, ES256, EdDSA), whether the key belongs to the issuer (did:key, a did:web \
                document's assertionMethod, the issuer origin's /.well-known/jwks.json, an OB 2.0 key the issuer owns \
                and lists), the issuer's revocation list and the validity dates, and prints each fact. Signed \
                endorsements the document embeds (endorsementJwt) are verified too.
                Keys, DID documents and lists are fetched as needed with the crawler's fetcher and address policy \
                (--offline fetches nothing: a did:key or a key in the token is enough).
                Exit status: 0 verified, 10 not verified (unsigned, unbound key, revoked, expired), 11 could not \
                check (a key or list could not be had, an unsupported algorithm), 12 invalid (a signature that \
                fails or a key that belongs to someone else), 1 the input could not be read, 64 usage error. \
                With several reports the status is the worst of them.
                """)

        @Argument(help: ArgumentHelp("A file (compact JWS or JSON) or an http(s) URL.", valueName: "file-or-url"))
        var input: String

        @Flag(name: .long, help: "Print the reports as JSON.")
        var json = false

        @Flag(help: "Fetch nothing: verify with what the input carries.")
        var offline = false

        @OptionGroup(title: "Requests") var fetchOptions: FetchOptions

        func run() async throws {
            let bytes: [UInt8]
            let fetcher = try CurlPageFetcher(options: fetchOptions, concurrency: 8).fetcher
            do {
                bytes = try await Self.read(input, fetcher: offline ? nil : fetcher)
            } catch let error as ValidationError {
                FileHandle.standardError.write(Data("endorse verify: \(error.message)\n".utf8))
                throw ExitCode(1)
            } catch {
                let reason = (error as? FetchError)?.description ?? "cannot read \(input): \((error as NSError).localizedDescription)"
                FileHandle.standardError.write(Data("endorse verify: \(reason)\n".utf8))
                throw ExitCode(1)
            }
            guard Self.looksVerifiable(bytes) else {
                FileHandle.standardError.write(Data("endorse verify: \(input) is neither a compact JWS nor a JSON object\n".utf8))
                throw ExitCode(1)
            }
            let live = LiveVerification(fetcher: fetcher)
            var reports: [Subject] = []
            let whole = offline ? Verifier().verify(bytes: bytes, source: StaticKeySource()) : await live.verify(bytes: bytes).report
            reports.append(Subject(subject: input, report: whole))
            for (key, token) in Self.embeddedTokens(bytes, url: input) {
                let report = offline ? Verifier().verify(signedCopy: token, source: StaticKeySource()) : await live.verify(signedCopy: token).report
                reports.append(Subject(subject: key, report: report))
            }
            if json {
                let data = try JSONOutput.makeEncoder(pretty: true).encode(reports)
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            } else {
                print(reports.map(Self.text).joined(separator: "\n"), terminator: "")
            }
            let status = reports.map { Self.exitStatus($0.report.outcome) }.max() ?? 0
            if status != 0 { throw ExitCode(status) }
        }

        /// One report and what it is about (the input, or an endorsement it embeds).
        struct Subject: Encodable {
            var subject: String
            var report: VerificationReport
            var outcome: VerificationOutcome { report.outcome }

            enum CodingKeys: String, CodingKey { case subject, report, outcome }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(subject, forKey: .subject)
                try container.encode(report, forKey: .report)
                try container.encode(outcome, forKey: .outcome)
            }
        }

        /// The exit status of an outcome (documented in the discussion above).
        static func exitStatus(_ outcome: VerificationOutcome) -> Int32 {
            switch outcome {
            case .verified: 0
            case .notVerified: 10
            case .couldNotCheck: 11
            case .invalid: 12
            }
        }

        /// The input's bytes: a fetched URL (redirects followed, the address policy applied) or a file, at most 16 MiB.
        static func read(_ input: String, fetcher: Fetcher?) async throws -> [UInt8] {
            if IRI(input).isFetchable {
                guard let fetcher else { throw ValidationError("--offline cannot fetch \(input); save it to a file first") }
                let response = try await fetcher.fetchFollowingRedirects(FetchRequest(url: input))
                guard (200..<300).contains(response.status) else { throw ValidationError("\(input) answered HTTP \(response.status)") }
                return response.body
            }
            let url = URL(fileURLWithPath: input)
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            guard size <= ParserLimits.default.maxBytes else { throw ValidationError("\(input) is \(size) bytes, more than 16 MiB") }
            return Array(try Data(contentsOf: url))
        }

        /// True for a JSON object or text shaped like a compact JWS (three base64url parts); anything else is not
        /// a credential at all, which is a usage problem rather than a failed signature.
        static func looksVerifiable(_ bytes: [UInt8]) -> Bool {
            let text = String(decoding: bytes.prefix(64), as: UTF8.self).drop(while: \.isWhitespace)
            if text.first == "{" { return true }
            let whole = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let parts = whole.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 3 && parts[0].count >= 4
                && whole.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        }

        /// Signed endorsements a JSON document embeds (`endorsementJwt`), by key; none for a JWS input itself.
        static func embeddedTokens(_ bytes: [UInt8], url: String) -> [(String, String)] {
            guard bytes.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "{") else { return [] }
            let base = IRI(url).isFetchable ? IRI(url) : IRI("file://" + URL(fileURLWithPath: url).path)
            guard let parsed = try? DocumentParser().parse(bytes, url: base, contentType: "application/json") else { return [] }
            // The endorsements the document embeds, each verified on its own (a JWT or a credential with its own
            // proof); the document itself, when it is an endorsement, is the first report already.
            return parsed.endorsements.compactMap { endorsement in
                if endorsement.jwt == nil, endorsement.key == parsed.rootID { return nil }
                return (endorsement.jwt ?? endorsement.proofDocument).map { (endorsement.key.string, $0) }
            }
        }

        /// The facts of one report, one per line.
        static func text(_ subject: Subject) -> String {
            let report = subject.report
            func line(_ name: String, _ value: String) -> String {
                "  " + name.padding(toLength: 10, withPad: " ", startingAt: 0) + "  " + value + "\n"
            }
            func fact<State>(_ fact: Fact<State>) -> String { fact.state.rawValue + (fact.detail.map { " (\($0))" } ?? "") }
            var text = subject.subject + "\n" + line("outcome", report.outcome.rawValue + ": " + report.summary)
            text += line("form", report.form.rawValue)
            if let issuer = report.issuer { text += line("issuer", issuer.string) }
            if let id = report.credentialID { text += line("id", id.string) }
            text += line("signature", fact(report.signature))
            if let keyID = report.keyID { text += line("key", keyID + (report.key.map { " (\($0)\(report.weakKey ? ", weak" : ""))" } ?? "")) }
            text += line("binding", fact(report.keyBinding))
            text += line("status", fact(report.status))
            text += line("validity", fact(report.validity))
            for problem in report.claimProblems { text += line("claims", problem) }
            for url in report.needed { text += line("needs", url.string) }
            return text
        }
    }
}
