import EndorseTestFixtures
import Foundation
import LoopbackTLS
import LoopbackWeb
import Testing

/// `endorse check` as an employer runs it: the sample badges a candidate hands over, checked against the sample web
/// served on loopback (http and https, with a CA made for the test), with the documented exit statuses.
struct CheckCommandTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Seeds")

    static func badge(_ name: String) -> String { seeds.appendingPathComponent("sample-badges/\(name)").path }

    /// Runs `body` with the sample web served and the fetch options that reach it.
    static func withSampleWeb(_ body: (_ options: [String], _ folder: URL) async throws -> Void) async throws {
        let site = StaticSite(root: seeds.appendingPathComponent("sample-web"))
        let plain = try LoopbackServer(responder: site)
        defer { plain.stop() }
        let hosts = try FileManager.default.contentsOfDirectory(atPath: seeds.appendingPathComponent("sample-web").path).filter { !$0.hasPrefix(".") }
        let authority = try LoopbackCertificateAuthority()
        let secure = try await LoopbackTLSServer(responder: site, identity: try authority.issue(hosts: hosts))
        defer { secure.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let caPath = folder.appendingPathComponent("ca.pem").path
        try authority.writeCertificate(to: caPath)
        try await body(
            [
                "--connect-to", ":443:127.0.0.1:\(secure.port)", "--connect-to", "::127.0.0.1:\(plain.port)", "--allow-private-addresses",
                "--ca-cert", caPath, "--db", folder.appendingPathComponent("absent.sqlite").path,
            ], folder)
    }

    @Test func aValidBakedBadgeSaysSoOnItsFirstLineAndExitsZero() async throws {
        try await Self.withSampleWeb { options, _ in
            let result = try await EndorseExecutable.locate().run(["check", Self.badge("ann-data-science-foundations.png"), "--recipient", "ann@example.org"] + options)
            #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
            let first = result.stdoutText.split(separator: "\n").first.map(String.init) ?? ""
            #expect(
                first.hasPrefix("Valid badge 'Data Science Foundations' issued by Northbridge Data Academy on 2025-03-01 to the holder of ann@example.org"),
                "\(first)")
            #expect(result.stdoutText.contains("Endorsements of this badge: 3"))
            #expect(result.stdoutText.contains("Regional Skills Alliance"))
            #expect(result.stderrText.contains("no index at"))
        }
    }

    @Test func notValidAndCouldNotCheckHaveTheirOwnExitStatuses() async throws {
        try await Self.withSampleWeb { options, _ in
            let forged = try await EndorseExecutable.locate().run(["check", Self.badge("forged-welding-safety.png")] + options)
            #expect(forged.status == 20, "\(forged.stdoutText)")
            #expect(forged.stdoutText.hasPrefix("NOT VALID: badge 'Welding Safety Fundamentals'"))
            #expect(forged.stdoutText.contains("INVALID"))

            let stranger = try await EndorseExecutable.locate().run(["check", Self.badge("ann-welding-safety.jwt"), "--recipient", "eve@example.org"] + options)
            #expect(stranger.status == 20)
            #expect(stranger.stdoutText.contains("issued to someone else than eve@example.org"))

            // Without --allow-private-addresses the loopback web is refused: the hosted copy cannot be had.
            let refusedOptions = options.filter { $0 != "--allow-private-addresses" }
            let refused = try await EndorseExecutable.locate().run(["check", Self.badge("ann-data-science-foundations.svg")] + refusedOptions)
            #expect(refused.status == 21, "\(refused.stdoutText)\(refused.stderrText)")
            #expect(refused.stdoutText.hasPrefix("Could not check"))
        }
    }

    @Test func jsonIsTheAPIShapeAndUnreadableInputIsStatusOne() async throws {
        try await Self.withSampleWeb { options, folder in
            let result = try await EndorseExecutable.locate().run(["check", "--json", Self.badge("ann-welding-safety.jwt"), "--recipient", "ann@example.org"] + options)
            #expect(result.status == 0, "\(result.stderrText)")
            let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(report["verdict"] as? String == "valid")
            #expect(report["method"] as? String == "vc-jwt")
            #expect((report["badge"] as? [String: Any])?["name"] as? String == "Welding Safety Fundamentals")
            #expect((report["recipientMatch"] as? [String: Any])?["state"] as? String == "matched")
            #expect(report["saved"] as? Bool == false)

            let note = folder.appendingPathComponent("note.txt")
            try Data("hello, world".utf8).write(to: note)
            let refused = try await EndorseExecutable.locate().run(["check", note.path] + options)
            #expect(refused.status == 1)
            #expect(refused.stderrText.contains("neither a badge image"), "\(refused.stderrText)")
            // A 1 GB file (sparse) is refused after reading just past the limit, not loaded.
            let huge = folder.appendingPathComponent("huge.png")
            FileManager.default.createFile(atPath: huge.path, contents: Data([0x89, 0x50, 0x4E, 0x47]))
            let handle = try FileHandle(forWritingTo: huge)
            try handle.truncate(atOffset: 1 << 30)
            try handle.close()
            let tooLarge = try await EndorseExecutable.locate().run(["check", huge.path] + options)
            #expect(tooLarge.status == 1)
            #expect(tooLarge.stderrText.contains("over the 5000000-byte limit"), "\(tooLarge.stderrText)")

            let json = try await EndorseExecutable.locate().run(["check", "--json", note.path] + options)
            #expect(json.status == 1)
            let body = try #require(try JSONSerialization.jsonObject(with: json.stderr) as? [String: Any])
            #expect((body["error"] as? [String: Any])?["code"] as? String == "unrecognizedInput")
        }
    }

    @Test func theDemoEndsWithTheEmployersCheck() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("demo.sqlite").path
        let result = try await EndorseExecutable.locate().run(["demo", "--db", db, "--quiet"], in: Self.seeds.deletingLastPathComponent())
        #expect(result.status == 0, "\(result.stderrText.suffix(800))")
        let output = result.stdoutText
        let check = try #require(output.range(of: "$ endorse check Seeds/sample-badges/ann-data-science-foundations.png --recipient ann@example.org"))
        let after = output[check.upperBound...]
        #expect(after.contains("Valid badge 'Data Science Foundations' issued by Northbridge Data Academy on 2025-03-01 to the holder of ann@example.org"))
        #expect(after.contains("recorded in \(db)"), "what the demo's check fetched is in the index")
    }
}
