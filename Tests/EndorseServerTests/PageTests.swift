import EndorseServer
import EndorseTestFixtures
import EndorsementStore
import Foundation
import OpenBadges
import Testing

/// The HTML search page, fetched raw and rendered by headless Chromium.
@Suite(.serialized)  // each test starts processes; serialized to keep the machine responsive for timing-sensitive suites
struct PageTests {
    static let chromium = ProcessRunner.findProgram(["chromium", "chromium-browser", "google-chrome"])
    let reader: EndorsementStore

    init() throws {
        let path = try FixtureIndex.temporaryFolder().appendingPathComponent("index.sqlite").path
        try FixtureIndex.build(at: path)
        reader = try EndorsementStore(path: path, mode: .readOnly)
    }

    @Test func frontPageHasASearchForm() async throws {
        try await withServer(store: reader) { base in
            let reply = try await HTTPReply.get(base + "/")
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "text/html; charset=utf-8")
            #expect(reply.text.contains(#"<form method="get" action="/""#))
            #expect(reply.text.contains(#"name="q""#))
            #expect(!reply.text.contains("<script"), "no script, no external resource")
        }
    }

    @Test func resultsLinkEachBadgeToItsEndorsers() async throws {
        try await withServer(store: reader) { base in
            let reply = try await HTTPReply.get(base + "/?q=python")
            #expect(reply.status == 200)
            #expect(reply.text.contains("Python Basics"))
            #expect(reply.text.contains(#"href="/?badge=\#(encoded(FixtureIndex.pythonBasics.string))""#))
            #expect(reply.text.contains("Acme Corp"))
        }
    }

    @Test func badgeViewLabelsEveryEndorsement() async throws {
        try await withServer(store: reader) { base in
            let reply = try await HTTPReply.get(base + "/?badge=" + encoded(FixtureIndex.pythonBasics.string))
            #expect(reply.status == 200)
            #expect(reply.text.contains("Our engineers rely on this badge."))
            #expect(reply.text.contains("class=\"label ack-"))
            #expect(reply.text.contains("class=\"label ver-"))
            #expect(reply.text.contains("published by") || reply.text.contains("publisher unknown"))
            #expect(reply.text.contains("Endorsements of its issuer (1)"))
        }
    }

    @Test func storedMarkupIsEscaped() async throws {
        try await withServer(store: reader) { base in
            let reply = try await HTTPReply.get(base + "/?q=escaping")
            #expect(reply.text.contains("Markup &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), "\(reply.text)")
            #expect(!reply.text.contains("<script>alert"))
            let badge = try await HTTPReply.get(base + "/?badge=" + encoded(FixtureIndex.markup.string))
            #expect(badge.text.contains("Escaping &lt;b&gt;matters&lt;/b&gt;."))
        }
    }

    @Test func errorsAreShownWithTheirStatus() async throws {
        try await withServer(store: reader) { base in
            let ambiguous = try await HTTPReply.get(base + "/?badge=python")
            #expect(ambiguous.status == 409)
            #expect(ambiguous.text.contains(#"class="candidates""#))
            #expect(ambiguous.text.contains(#"href="/?badge=\#(encoded(FixtureIndex.pythonAdvanced.string))""#))
            let missing = try await HTTPReply.get(base + "/?badge=" + encoded("https://nowhere.example/b.json"))
            #expect(missing.status == 404)
            let bad = try await HTTPReply.get(base + "/?q=python&limit=1000")
            #expect(bad.status == 400)
            #expect(bad.text.contains(#"data-code="invalidParameter""#))
        }
    }

    @Test(.enabled(if: PageTests.chromium != nil, "chromium is not installed (`make deps` installs it); the rendered-page test is skipped"))
    func chromiumRendersSearchResults() async throws {
        let chromium = try #require(Self.chromium)
        let profile = try FixtureIndex.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        try await withServer(store: reader) { base in
            let result = try await ProcessRunner.runAsync(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                    "--user-data-dir=\(profile.path)", "--dump-dom", base + "/?q=python",
                ], timeout: 90)
            #expect(result.status == 0, "\(result.stderrText.suffix(500))")
            let dom = result.stdoutText
            #expect(dom.contains(#"id="results""#), "\(dom.prefix(500))")
            #expect(dom.components(separatedBy: #"<li class="hit">"#).count - 1 == 2)
            #expect(dom.contains("Python Basics") && dom.contains("Python Advanced"))
            #expect(dom.contains("2 badges match"))
        }
    }
}
