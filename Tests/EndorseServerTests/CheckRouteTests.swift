import BadgeCheck
import CurlHTTP
import EndorseServer
import EndorseTestFixtures
import EndorsementStore
import Foundation
import LoopbackTLS
import LoopbackWeb
import Testing
import Verification

/// `POST /api/check` and the page's `/check` form, against the sample web served on loopback: raw bodies, multipart
/// uploads, `?url=`, the size limit, bad input, the rate limit, and a real file upload in headless Chromium.
@Suite(.serialized)
struct CheckRouteTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Seeds")
    static func badge(_ name: String) -> String { seeds.appendingPathComponent("sample-badges/\(name)").path }

    let reader: EndorsementStore

    init() throws {
        let path = try FixtureIndex.temporaryFolder().appendingPathComponent("index.sqlite").path
        try FixtureIndex.build(at: path)
        reader = try EndorsementStore(path: path, mode: .readOnly)
    }

    /// The server with a checker whose fetcher reaches the sample web (http and https on loopback).
    func withCheckingServer(rateLimit: CheckRateLimit = CheckRateLimit(), _ body: (_ base: String) async throws -> Void) async throws {
        let root = Self.seeds.appendingPathComponent("sample-web")
        let site = StaticSite(root: root)
        let plain = try LoopbackServer(responder: site)
        defer { plain.stop() }
        let authority = try LoopbackCertificateAuthority()
        let hosts = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") }
        let secure = try await LoopbackTLSServer(responder: site, identity: try authority.issue(hosts: hosts))
        defer { secure.stop() }
        let folder = try FixtureIndex.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let caPath = folder.appendingPathComponent("ca.pem").path
        try authority.writeCertificate(to: caPath)
        let fetcher = try Fetcher(
            configuration: FetcherConfiguration(
                totalTimeout: .seconds(10), allowPrivateAddresses: true,
                connectTo: [
                    ConnectTo(host: "", port: 443, connectHost: "127.0.0.1", connectPort: secure.port),
                    ConnectTo(host: "", port: nil, connectHost: "127.0.0.1", connectPort: plain.port),
                ], caCertificatePath: caPath))
        try await withServer(store: reader, checker: BadgeChecker(fetcher: fetcher, store: reader), checkRateLimit: rateLimit, body)
    }

    static func report(_ reply: HTTPReply) throws -> CheckReport {
        try JSONOutput.makeDecoder().decode(CheckReport.self, from: reply.body)
    }

    @Test func aBadgeIsCheckedFromARawBodyAnUploadOrAURL() async throws {
        try await withCheckingServer { base in
            let raw = try await HTTPReply.curl(
                base + "/api/check?recipient=ann%40example.org",
                ["-X", "POST", "-H", "Content-Type: image/png", "--data-binary", "@" + Self.badge("ann-data-science-foundations.png")])
            #expect(raw.status == 200, "\(raw.text)")
            #expect(raw.headers["content-type"] == "application/json; charset=utf-8")
            let first = try Self.report(raw)
            #expect(first.verdict == .valid, "\(first.reasons)")
            #expect(first.recipientMatch?.state == .matched)
            #expect(!first.saved, "the server records nothing")
            #expect(first.endorsements.count == 3)

            let upload = try await HTTPReply.curl(
                base + "/api/check", ["-F", "file=@" + Self.badge("ann-welding-safety.svg"), "-F", "recipient=ann@example.org"])
            #expect(upload.status == 200, "\(upload.text)")
            #expect(try Self.report(upload).verdict == .valid)
            #expect(try Self.report(upload).input.kind == "svg")

            let link = try await HTTPReply.curl(
                base + "/api/check?url=" + encoded("http://data-academy.example/assertions/ann-dsf.json"), ["-X", "POST"])
            #expect(link.status == 200, "\(link.text)")
            #expect(try Self.report(link).hosted?.state == .verified)

            let forged = try await HTTPReply.curl(base + "/api/check", ["--data-binary", "@" + Self.badge("forged-welding-safety.png")])
            #expect(try Self.report(forged).verdict == .notValid)
        }
    }

    @Test func badInputIsA4xxWithAJSONError() async throws {
        try await withCheckingServer { base in
            let folder = try FixtureIndex.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let big = folder.appendingPathComponent("big.png")
            try Data(count: EndorseServer.maxCheckUpload + 1).write(to: big)
            let tooLarge = try await HTTPReply.curl(base + "/api/check", ["-H", "Expect:", "--data-binary", "@" + big.path])
            #expect(tooLarge.status == 413)
            #expect(try tooLarge.errorCode() == "tooLarge")

            let garbage = try await HTTPReply.curl(base + "/api/check", ["--data-binary", "hello, world"])
            #expect(garbage.status == 400)
            #expect(try garbage.errorCode() == "unrecognizedInput")

            let nothing = try await HTTPReply.curl(base + "/api/check", ["-X", "POST"])
            #expect(nothing.status == 400)
            #expect(try nothing.errorCode() == "missingParameter")

            let scheme = try await HTTPReply.curl(base + "/api/check?url=" + encoded("file:///etc/passwd"), ["-X", "POST"])
            #expect(scheme.status == 400)
            #expect(try scheme.errorCode() == "invalidParameter")

            let brokenForm = try await HTTPReply.curl(
                base + "/api/check", ["-H", "Content-Type: multipart/form-data; boundary=XYZ", "--data-binary", "--XYZ\r\nno end"])
            #expect(brokenForm.status == 400)
            #expect(try brokenForm.errorCode() == "invalidForm")

            let hostile = try await HTTPReply.curl(
                base + "/api/check",
                ["--data-binary", #"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>"#])
            #expect(hostile.status == 400)
            #expect(try hostile.errorCode() == "unbakeFailed")
        }
    }

    @Test func aClientThatAsksTooOftenIsToldToWait() async throws {
        try await withCheckingServer(rateLimit: CheckRateLimit(burst: 2, perMinute: 1)) { base in
            for _ in 0..<2 {
                let allowed = try await HTTPReply.curl(base + "/api/check", ["--data-binary", "@" + Self.badge("ann-welding-safety.jwt")])
                #expect(allowed.status == 200)
            }
            let refused = try await HTTPReply.curl(base + "/api/check", ["--data-binary", "@" + Self.badge("ann-welding-safety.jwt")])
            #expect(refused.status == 429)
            #expect(try refused.errorCode() == "rateLimited")
            #expect(Int(refused.headers["retry-after"] ?? "") ?? 0 >= 1)
            // The lookups are not limited.
            #expect(try await HTTPReply.get(base + "/api/stats").status == 200)
        }
    }

    @Test func withoutACheckerTheRoutesAnswer503() async throws {
        try await withServer(store: reader) { base in
            let reply = try await HTTPReply.curl(base + "/api/check", ["--data-binary", "@" + Self.badge("ann-welding-safety.jwt")])
            #expect(reply.status == 503)
            #expect(try reply.errorCode() == "checkDisabled")
        }
    }

    @Test func theFormWorksWithoutScriptsAndShowsTheVerdict() async throws {
        try await withCheckingServer { base in
            let form = try await HTTPReply.get(base + "/check")
            #expect(form.status == 200)
            #expect(form.text.contains(#"<form method="post" action="/check" enctype="multipart/form-data""#))
            #expect(form.text.contains(#"type="file" name="badge""#))
            #expect(!form.text.contains("<script"))
            let front = try await HTTPReply.get(base + "/")
            #expect(front.text.contains(#"href="/check""#))

            let posted = try await HTTPReply.curl(
                base + "/check", ["-F", "badge=@" + Self.badge("bob-machine-learning-revoked.png"), "-F", "recipient=bob@example.org", "-F", "url="])
            #expect(posted.status == 200)
            #expect(posted.text.contains(#"data-verdict="notValid""#), "\(posted.text.prefix(2000))")
            #expect(posted.text.contains("410 Gone"))

            let unreadable = try await HTTPReply.curl(base + "/check", ["-F", "badge=@" + Self.seeds.appendingPathComponent("README.md").path])
            #expect(unreadable.status == 400)
            #expect(unreadable.text.contains(#"data-code="unrecognizedInput""#))
            #expect(unreadable.text.contains(#"id="check-form""#), "the form is shown again")
        }
    }

    @Test(.enabled(if: PageTests.chromium != nil, "chromium is not installed (`make deps` installs it); the upload test is skipped"))
    func chromiumUploadsABakedPNGAndShowsTheVerdictAndEndorsements() async throws {
        let chromium = try #require(PageTests.chromium)
        let python = try #require(ProcessRunner.findProgram(["python3"]))
        let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Browser/upload_check.py").path
        let profile = try FixtureIndex.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        try await withCheckingServer { base in
            let result = try await ProcessRunner.runAsync(
                python, [driver, chromium.path, base, Self.badge("ann-data-science-foundations.png"), "ann@example.org", profile.path], timeout: 120)
            #expect(result.status == 0, "\(result.stderrText.suffix(800))")
            let dom = result.stdoutText
            #expect(dom.contains(#"data-verdict="valid""#), "\(dom.prefix(1500))")
            #expect(dom.contains("Valid badge 'Data Science Foundations' issued by Northbridge Data Academy on 2025-03-01 to the holder of ann@example.org"))
            #expect(dom.contains("Endorsements of this badge (3)"))
            #expect(dom.contains("Regional Skills Alliance"))
            #expect(dom.contains(#"class="label ver-signed""#))
        }
    }
}
