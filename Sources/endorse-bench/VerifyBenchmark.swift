import ArgumentParser
import Foundation
import LoopbackWeb
import Verification
import _CryptoExtras

extension EndorseBench {
    /// `endorse-bench verify`: CPU per verification by algorithm, beside `openssl speed` for the same primitive.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "CPU per verification of a signed endorsement, by algorithm, against `openssl speed` for the same primitive.",
            discussion: """
                Signs --tokens endorsements per algorithm, then times (1) the primitive alone (`SignatureAlgorithm.isValid` on \
                the signing input) and (2) the whole `Verifier.verify(token:)`: decoding, key resolution (did:key or header \
                jwk, no fetching), the signature, binding, validity and claims. Then runs `openssl speed` on the same \
                primitives (ed25519, ecdsap256, rsa2048) and prints the ratios. CPU time from getrusage.
                """)

        @Option(help: "Tokens verified per algorithm.")
        var tokens = 2000

        @Option(help: "Seconds `openssl speed` runs each primitive.")
        var opensslSeconds = 2

        func run() throws {
            let signers = try BenchSigners()
            let verifier = Verifier()
            let source = StaticKeySource()
            let reference = try opensslVerifiesPerSecond()
            print("verifications: \(tokens) per algorithm, one key each, CPU time (getrusage)")
            print("alg     key       primitive us  verify() us  openssl verify/s  openssl us  primitive/openssl  verify()/openssl")
            for algorithm in SignatureAlgorithm.allCases {
                let made = try (0..<tokens).map { number in
                    try signers.token(algorithm, payload: GeneratedBadgeWeb.credential(host: number % 97, number: number))
                }
                let parsed = try made.map { try SignedToken($0) }
                let key: PublicKey
                switch algorithm {
                case .edDSA: key = try DIDKey.key(of: signers.ed25519DID)
                case .es256: key = try DIDKey.key(of: signers.p256DID)
                case .rs256:
                    let primitives = try signers.rsa.publicKey.getKeyPrimitives()
                    key = try PublicKey(rsaModulus: Array(primitives.modulus), exponent: Array(primitives.publicExponent))
                }
                var valid = 0
                let primitive = cpuSeconds {
                    for token in parsed where algorithm.isValid(signature: token.signature, for: token.signingInput, key: key) { valid += 1 }
                }
                var signed = 0
                let whole = cpuSeconds {
                    for token in made where verifier.verify(token: token, source: source).signature.state == .valid { signed += 1 }
                }
                guard valid == tokens, signed == tokens else {
                    throw ValidationError("\(algorithm.rawValue): \(valid) and \(signed) of \(tokens) verified")
                }
                let primitiveMicros = 1_000_000 * primitive / Double(tokens)
                let wholeMicros = 1_000_000 * whole / Double(tokens)
                let name = Self.opensslName(algorithm)
                var line = String(format: "%-7@ %-9@ %12.1f %12.1f", algorithm.rawValue, key.description, primitiveMicros, wholeMicros)
                if let perSecond = reference[name] {
                    let opensslMicros = 1_000_000 / perSecond
                    line += String(
                        format: " %17.0f %11.1f %18.2fx %17.2fx", perSecond, opensslMicros, primitiveMicros / opensslMicros,
                        wholeMicros / opensslMicros)
                } else {
                    line += "  (openssl speed gave no figure for \(name))"
                }
                print(line)
            }
        }

        static func opensslName(_ algorithm: SignatureAlgorithm) -> String {
            switch algorithm {
            case .edDSA: "ed25519"
            case .es256: "ecdsap256"
            case .rs256: "rsa2048"
            }
        }

        /// Verifications per second by primitive, parsed from `openssl speed -seconds N ed25519 ecdsap256 rsa2048`.
        private func opensslVerifiesPerSecond() throws -> [String: Double] {
            guard let openssl = executable("openssl") else {
                print("reference: openssl not found; install it (apt-get install openssl) for the ratios")
                return [:]
            }
            // One primitive per run, each started with every signal unblocked: `openssl speed -seconds` stops on SIGALRM,
            // which a child of Foundation's Process inherits blocked (it then ran for minutes).
            var text = ""
            for name in ["ed25519", "ecdsap256", "rsa2048"] {
                text += try Self.output(of: openssl, ["speed", "-seconds", "\(opensslSeconds)", name])
            }
            var result: [String: Double] = [:]
            // Summary lines: "rsa 2048 bits 0.000608s 0.000018s 1645.5 55187.3" (sign/s, verify/s last),
            // " 256 bits ecdsa (nistp256)   0.0000s   0.0001s  39891.0  13102.6",
            // " 253 bits EdDSA (Ed25519)   0.0000s   0.0001s  29001.0  10302.0".
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard let verifies = fields.last.flatMap({ Double($0) }) else { continue }
                if line.contains("rsa 2048 bits") || line.hasPrefix("rsa  2048") || (line.hasPrefix("rsa") && line.contains("2048")) {
                    result["rsa2048"] = verifies
                } else if line.contains("(nistp256)") {
                    result["ecdsap256"] = verifies
                } else if line.contains("(Ed25519)") {
                    result["ed25519"] = verifies
                }
            }
            print("reference: openssl speed -seconds \(opensslSeconds) ed25519 ecdsap256 rsa2048 (\(openssl))")
            return result
        }
    }
}

extension EndorseBench.Verify {
    /// The standard output of `program` run with `arguments`, started by posix_spawn with an empty signal mask and
    /// default signal actions.
    static func output(of program: String, _ arguments: [String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-bench-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw ValidationError("cannot start \(program): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }
}

/// CPU seconds (user + system) `body` takes, from getrusage (the index benchmark's clock).
func cpuSeconds(_ body: () -> Void) -> Double {
    let start = IndexBenchmark.cpuSeconds()
    body()
    return IndexBenchmark.cpuSeconds() - start
}
