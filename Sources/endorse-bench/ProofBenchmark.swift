import ArgumentParser
import Crypto
import Foundation
import JSONLD
import OpenBadges
import Verification

extension EndorseBench {
    /// `endorse-bench proofs`: CPU per Data Integrity verification (eddsa-rdfc-2022), beside pyld on the same files.
    struct Proofs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "proofs",
            abstract: "CPU per eddsa-rdfc-2022 verification of OB 3.0 credentials, against pyld + cryptography on the same files.",
            discussion: """
                Signs --credentials typical OB 3.0 EndorsementCredentials (VC 2.0 and OB 3.0.3 contexts, did:key issuer) \
                and, when the file exists, the 1EdTech validator's large `complete.json` re-signed with the same key; then \
                times `Verifier.verify(credential:)` (JSON-LD to RDF, RDFC-1.0, SHA-256, Ed25519, did:key, binding, \
                validity) with warm context caches, and runs Reference/pyld_verify.py (pyld, the reference JSON-LD \
                implementation, with `cryptography`) on the same files with the same contexts. CPU time from getrusage and \
                Python's process_time. Needs pyld and cryptography for the reference (`make bench-deps`).
                """)

        @Option(help: "Typical credentials signed and verified.")
        var credentials = 500

        @Option(help: "Times each file is verified by pyld.")
        var rounds = 20

        @Option(help: "The large example to re-sign and verify (skipped when missing).")
        var complete = "../shared/conformance/openbadges-signed/1edtech/ob30/complete.json"

        @Option(help: "The Python with pyld and cryptography (default: .venv-bench/bin/python, else python3).")
        var python: String?

        func run() throws {
            let key = Curve25519.Signing.PrivateKey()
            let did = "did:key:" + Multibase.encodeBase58btc(Multicodec.ed25519Public.prefix + key.publicKey.rawRepresentation)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-bench-proofs-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }

            var sets: [(name: String, credentials: [JSONValue])] = [
                ("typical", try (0..<credentials).map { try Self.sign(Self.typical(number: $0, issuer: did), key: key, did: did) })
            ]
            if let bytes = FileManager.default.contents(atPath: complete), var large = try? JSONValue.parse(bytes: Array(bytes)) {
                large = Self.reissued(large, by: did)
                sets.append(("complete", [try Self.sign(large, key: key, did: did)]))
            } else {
                print("note: \(complete) not found; only typical credentials are measured")
            }

            let verifier = Verifier()
            let source = StaticKeySource()
            print("eddsa-rdfc-2022 verification, CPU per credential (getrusage; pyld: process_time), warm context caches")
            print("set       credentials  bytes  endorse us  pyld us  pyld/endorse")
            var files: [String] = []
            var endorseMicros: [String: Double] = [:]
            for set in sets {
                for credential in set.credentials where verifier.verify(credential: credential, source: source).signature.state != .valid {
                    throw ValidationError("a \(set.name) credential did not verify: \(verifier.verify(credential: credential, source: source).summary)")
                }
                let repeats = max(1, 2000 / set.credentials.count)
                let seconds = cpuSeconds {
                    for _ in 0..<repeats {
                        for credential in set.credentials { _ = verifier.verify(credential: credential, source: source) }
                    }
                }
                endorseMicros[set.name] = 1_000_000 * seconds / Double(repeats * set.credentials.count)
                let file = folder.appendingPathComponent("\(set.name).json").path
                try Data(set.credentials[0].jcsCanonicalBytes).write(to: URL(fileURLWithPath: file))
                files.append(file)
            }
            let reference = try pyldMicros(files: files, folder: folder)
            for set in sets {
                let file = folder.appendingPathComponent("\(set.name).json").path
                let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
                let ours = endorseMicros[set.name] ?? 0
                var line = String(format: "%-9@ %11d %6d %11.1f", set.name, set.credentials.count, bytes, ours)
                if let theirs = reference[file] {
                    line += String(format: " %8.0f %12.1fx", theirs, theirs / ours)
                } else {
                    line += "  (no pyld figure)"
                }
                print(line)
            }
        }

        /// pyld's CPU microseconds per verification, by file; empty when the reference cannot run.
        private func pyldMicros(files: [String], folder: URL) throws -> [String: Double] {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference/pyld_verify.py").path
            let interpreter = python ?? (FileManager.default.isExecutableFile(atPath: ".venv-bench/bin/python") ? ".venv-bench/bin/python" : "python3")
            guard let program = interpreter.contains("/") ? interpreter : executable(interpreter) else {
                print("reference: \(interpreter) not found")
                return [:]
            }
            // The pinned contexts, written out for the script: it loads exactly what endorse loads.
            var contexts: [String: JSONValue] = [:]
            for (index, url) in PinnedContexts.servedURLs.enumerated() {
                let path = folder.appendingPathComponent("context-\(index).json").path
                try Data(try PinnedContexts().loadDocument(url).document.jcsCanonicalBytes).write(to: URL(fileURLWithPath: path))
                contexts[url] = .string(path)
            }
            let map = folder.appendingPathComponent("contexts.json").path
            try Data(JSONValue.object(contexts).jcsCanonicalBytes).write(to: URL(fileURLWithPath: map))
            let output = try Verify.output(of: program, [script, map, "\(rounds)"] + files)
            var result: [String: Double] = [:]
            for line in output.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count == 3, fields[1] == "valid", let micros = Double(fields[2]) else { continue }
                result[String(fields[0])] = micros
            }
            if result.isEmpty {
                print("reference: \(program) \(script) gave no figures (pyld and cryptography installed? `make bench-deps`)")
            } else {
                print("reference: \(program) Reference/pyld_verify.py, \(rounds) rounds per file")
            }
            return result
        }

        /// A typical OB 3.0 endorsement: what an employer or a university publishes about a badge.
        static func typical(number: Int, issuer: String) -> JSONValue {
            .object([
                "@context": .array([.string("https://www.w3.org/ns/credentials/v2"), .string("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")]),
                "id": .string("https://endorser\(number % 97).example/endorsements/\(number)"),
                "type": .array([.string("VerifiableCredential"), .string("EndorsementCredential")]),
                "name": .string("Endorsement of Data Science Foundations \(number)"),
                "issuer": .object([
                    "id": .string(issuer), "type": .array([.string("Profile")]), "name": .string("Regional Skills Alliance \(number % 97)"),
                ]),
                "validFrom": .string("2026-01-15T00:00:00Z"),
                "credentialSubject": .object([
                    "id": .string("https://academy\(number % 89).example/badges/data-science-foundations-\(number)"),
                    "type": .array([.string("EndorsementSubject")]),
                    "endorsementComment": .string(
                        "Graduates of this course analyse real data sets with Python and SQL, and we hire them. Reviewed \(number)."),
                ]),
            ])
        }

        /// `credential` with its issuer replaced by `did` and its proof removed, ready to be signed again.
        static func reissued(_ credential: JSONValue, by did: String) -> JSONValue {
            guard case .object(var members) = credential else { return credential }
            members["proof"] = nil
            if case .object(var issuer)? = members["issuer"] {
                issuer["id"] = .string(did)
                members["issuer"] = .object(issuer)
            } else {
                members["issuer"] = .string(did)
            }
            return .object(members)
        }

        /// `credential` with an eddsa-rdfc-2022 proof by `key`, whose did:key is `did`.
        static func sign(_ credential: JSONValue, key: Curve25519.Signing.PrivateKey, did: String) throws -> JSONValue {
            guard case .object(var members) = credential else { throw ValidationError("not a JSON object") }
            var proof: [String: JSONValue] = [
                "type": .string("DataIntegrityProof"), "cryptosuite": .string("eddsa-rdfc-2022"), "created": .string("2026-01-15T00:00:00Z"),
                "verificationMethod": .string(did + "#" + did.dropFirst("did:key:".count)), "proofPurpose": .string("assertionMethod"),
            ]
            let input = try ProofCanonicalizer.pinned.signingInput(document: credential, proofOptions: .object(proof))
            proof["proofValue"] = .string(Multibase.encodeBase58btc(Array(try key.signature(for: input))))
            members["proof"] = .object(proof)
            return .object(members)
        }
    }
}
