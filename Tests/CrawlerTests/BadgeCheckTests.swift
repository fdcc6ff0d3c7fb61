import BadgeCheck
import BadgeImages
import Crypto
import Crawler
import CurlHTTP
import EndorsementStore
import Foundation
import LoopbackWeb
import OpenBadges
import Testing
import Verification

/// `BadgeChecker` end to end: the sample web crawled into a real index, then the badges a candidate hands over
/// (Seeds/sample-badges, with their expected verdicts) checked against it with the real fetcher.
struct BadgeCheckTests {
    struct Expected: Decodable {
        struct File: Decodable {
            var file: String
            var format: String
            var badge: String
            var badgeName: String
            var issuerName: String
            var recipient: String
            var verification: String
            var expected: String
            var reason: String
        }
        var files: [File]
    }

    static let badges = CrawlHarness.packageRoot.appendingPathComponent("Seeds/sample-badges")

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: badges.appendingPathComponent("expected.json")))
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: badges.appendingPathComponent(name)))
    }

    /// The sample web served and crawled into a fresh index.
    static func crawledSampleWeb() async throws -> (SampleWebServers, CrawlHarness) {
        let seeds = CrawlHarness.packageRoot.appendingPathComponent("Seeds")
        let servers = try await SampleWebServers(root: seeds.appendingPathComponent("sample-web"))
        let harness = try CrawlHarness(port: servers.plain.port, tls: servers.tls)
        let summary = try await harness.crawl(try SeedList.read(path: seeds.appendingPathComponent("sample-issuers.txt").path))
        #expect(!summary.interrupted)
        return (servers, harness)
    }

    @Test func everySampleBadgeGetsItsExpectedVerdict() async throws {
        let (servers, harness) = try await Self.crawledSampleWeb()
        defer { servers.stop() }
        let checker = BadgeChecker(fetcher: harness.fetcher.fetcher, store: harness.store)
        let files = try Self.expected().files
        #expect(files.count >= 10)
        for file in files {
            let report = try await checker.check(.bytes(try Self.bytes(file.file)), recipient: file.recipient, save: false)
            let context = "\(file.file): \(report.summary) \(report.reasons)"
            #expect(report.verdict.rawValue == file.expected, "\(context)")
            #expect(report.badge?.id.string == file.badge, "\(context)")
            #expect(report.badge?.name == file.badgeName, "\(context)")
            #expect(report.issuer?.name == file.issuerName, "\(context)")
            #expect(report.input.kind == (file.format == "jws" ? "jwt" : file.format), "\(context)")
            if file.expected == "valid" {
                #expect(report.recipientMatch?.state == .matched, "\(context)")
                #expect(report.summary.hasPrefix("Valid badge '\(file.badgeName)' issued by \(file.issuerName)"), "\(context)")
                #expect(report.summary.contains("to the holder of \(file.recipient)"), "\(context)")
                #expect(report.reasons.isEmpty, "\(context)")
                #expect(report.method == (file.verification == "hosted" ? .hosted : report.method))
            } else {
                #expect(report.summary.hasPrefix("NOT VALID"), "\(context)")
                #expect(!report.reasons.isEmpty, "\(context)")
            }
        }
    }

    @Test func theVerdictsSayWhyAndTheEndorsementsIncludeOutsideOnes() async throws {
        let (servers, harness) = try await Self.crawledSampleWeb()
        defer { servers.stop() }
        let checker = BadgeChecker(fetcher: harness.fetcher.fetcher, store: harness.store)

        // Hosted, with the badge's three endorsements and its issuer's one, each with its facts.
        let dsf = try await checker.check(.bytes(try Self.bytes("ann-data-science-foundations.png")), recipient: "ann@example.org", save: false)
        #expect(dsf.verdict == .valid)
        #expect(dsf.hosted?.state == .verified)
        #expect(dsf.input.bakedIn?.contains("iTXt chunk \"openbadges\"") == true)
        let endorsers = Set(dsf.endorsements.compactMap { $0.endorsement.endorser?.id.string })
        #expect(endorsers.contains("did:web:skills-alliance.example"))
        #expect(endorsers.contains("http://guild-of-analysts.example/profile.json"))
        #expect(dsf.endorsements.contains { $0.endorsement.verification == .signed && $0.foundBy == "index" })
        #expect(dsf.issuerEndorsements.contains { $0.endorsement.endorser?.id.string == "http://quality-council.example/profile.json" })
        #expect(dsf.summary.contains("3 endorsements: 1 signed, 2 hosted"), "\(dsf.summary)")

        // Signed OB 2.0: the key the issuer lists; SQL Basics has an outside endorsement the issuer never mentions.
        let sql = try await checker.check(.bytes(try Self.bytes("ann-sql-basics-signed.jws")), recipient: "ann@example.org", save: false)
        #expect(sql.verdict == .valid, "\(sql.reasons)")
        #expect(sql.method == .ob2Signed)
        #expect(sql.signature?.keyBinding.state == .bound)
        let outside = sql.endorsements.first { $0.endorsement.acknowledged == .unacknowledged }
        #expect(outside?.endorsement.verification == .signed, "\(sql.endorsements.map(\.endorsement.id))")
        #expect(sql.summary.contains("not acknowledged by the issuer"), "\(sql.summary)")

        // OB 3.0 VC-JWT bound through the issuer origin's JWK Set.
        let welding = try await checker.check(.bytes(try Self.bytes("ann-welding-safety.svg")), recipient: "ann@example.org", save: false)
        #expect(welding.verdict == .valid, "\(welding.reasons)")
        #expect(welding.method == .vcJWT)
        #expect(welding.signature?.outcome == .verified)
        #expect(welding.endorsements.contains { $0.endorsement.verification == .signed }, "the alliance's Data Integrity endorsement")

        // Another person's address, a revoked badge, a forged one: not valid, each with its reason.
        let other = try await checker.check(.bytes(try Self.bytes("ann-data-science-foundations.png")), recipient: "bob@example.org", save: false)
        #expect(other.verdict == .notValid)
        #expect(other.recipientMatch?.state == .different)
        #expect(other.reasons == ["issued to someone else than bob@example.org"])
        let revoked = try await checker.check(.bytes(try Self.bytes("bob-machine-learning-revoked.png")), recipient: "bob@example.org", save: false)
        #expect(revoked.hosted?.state == .revoked)
        #expect(revoked.reasons.first?.contains("410 Gone") == true)
        let forged = try await checker.check(.bytes(try Self.bytes("forged-welding-safety.png")), save: false)
        #expect(forged.verdict == .notValid)
        #expect(forged.signature?.signature.state == .invalid)
        #expect(forged.recipientMatch == nil)
    }

    @Test func whatWasFetchedIsRecordedUnlessNoSave() async throws {
        let (servers, harness) = try await Self.crawledSampleWeb()
        defer { servers.stop() }
        let checker = BadgeChecker(fetcher: harness.fetcher.fetcher, store: harness.store)
        let assertion = IRI("http://data-academy.example/assertions/ann-dsf.json")
        let before = try harness.store.changeToken()
        let dry = try await checker.check(.bytes(try Self.bytes("ann-data-science-foundations.svg")), save: false)
        #expect(!dry.saved)
        #expect(dry.fetched.contains { $0.url == assertion && $0.status == 200 && $0.role == "assertion" })
        #expect(try harness.store.changeToken() == before)
        #expect((try? harness.store.document(id: assertion))?.kind != "assertion")

        let saved = try await checker.check(.url(assertion), save: true)
        #expect(saved.saved)
        #expect(saved.verdict == .valid, "\(saved.reasons)")
        #expect(try harness.store.document(id: assertion).kind == "assertion")
        #expect(try harness.store.changeToken() != before)
    }

    @Test func withoutAnIndexTheEndorsementsTheBadgeListsAreFetchedAndLinked() async throws {
        let servers = try await SampleWebServers(root: CrawlHarness.packageRoot.appendingPathComponent("Seeds/sample-web"))
        defer { servers.stop() }
        let harness = try CrawlHarness(port: servers.plain.port, tls: servers.tls)
        let checker = BadgeChecker(fetcher: harness.fetcher.fetcher, store: nil)
        let report = try await checker.check(.bytes(try Self.bytes("ann-data-science-foundations.json")), recipient: "ann@example.org")
        #expect(report.verdict == .valid, "\(report.reasons)")
        #expect(!report.saved)
        #expect(report.endorsements.count == 3, "\(report.endorsements.map(\.endorsement.id))")
        #expect(report.endorsements.allSatisfy { $0.foundBy == "fetched" && $0.endorsement.acknowledged == .acknowledged })
        #expect(report.endorsements.contains { $0.endorsement.verification == .signed })
        #expect(report.fetched.contains { $0.role == "endorsement" })
    }

    @Test func aHostedCopyThatDiffersIsNotValidAndOneNobodyHostsIsNotEither() async throws {
        let servers = try await SampleWebServers(root: CrawlHarness.packageRoot.appendingPathComponent("Seeds/sample-web"))
        defer { servers.stop() }
        let harness = try CrawlHarness(port: servers.plain.port, tls: servers.tls)
        let checker = BadgeChecker(fetcher: harness.fetcher.fetcher, store: nil)
        let genuine = String(decoding: try Self.bytes("ann-data-science-foundations.json"), as: UTF8.self)
        let identity = "sha256$46870e07767e0037220d529b5a105bb2b6b6c36199d48b17ba1fd797b6cecf4d"
        #expect(genuine.contains(identity))
        let other = genuine.replacingOccurrences(of: identity, with: "sha256$" + String(repeating: "0", count: 64))
        let differs = try await checker.check(.bytes(Array(other.utf8)))
        #expect(differs.verdict == .notValid)
        #expect(differs.hosted?.state == .differs)

        let moved = genuine.replacingOccurrences(of: "assertions/ann-dsf.json", with: "assertions/nobody.json")
        let gone = try await checker.check(.bytes(Array(moved.utf8)))
        #expect(gone.hosted?.state == .notHosted)
        #expect(gone.reasons.first?.contains("HTTP 404") == true)

        let unsigned = genuine.replacingOccurrences(of: "\"hosted\"", with: "\"signed\"")
        let claimsSigned = try await checker.check(.bytes(Array(unsigned.utf8)))
        #expect(claimsSigned.method == .none)
        #expect(claimsSigned.reasons.first?.contains("carries no proof") == true)
    }

    @Test func hostileInputIsAClearErrorAndNothingRefusedIsFetched() async throws {
        let recorder = RecordingResponder(StaticSite(root: CrawlHarness.packageRoot.appendingPathComponent("Seeds/sample-web")))
        let server = try LoopbackServer(responder: recorder)
        defer { server.stop() }
        // A fetcher with the default policy: loopback and private addresses are refused on the resolved address.
        let fetcher = try Fetcher(configuration: FetcherConfiguration(connectTimeout: .seconds(1), totalTimeout: .seconds(2)))
        let checker = BadgeChecker(fetcher: fetcher, store: nil)
        let png = try Self.bytes("ann-data-science-foundations.png")

        let inside = try BakedBadge.bake(png: Self.unbaked(png), payload: "http://127.0.0.1:\(server.port)/data-academy.example/x.json")
        let refused = try await checker.check(.bytes(inside))
        #expect(refused.verdict == .couldNotCheck)
        #expect(refused.hosted?.state == .unavailable)
        #expect(refused.reasons.first?.contains("127.0.0.1") == true, "\(refused.reasons)")
        #expect(recorder.requests.isEmpty, "a refused address must not be connected to")

        await #expect(throws: CheckError(.notACredential, "")) { try await checker.check(.bytes(Array("eyJhbGciOiJub25lIn0.bm90IGpzb24.".utf8))) }
        await #expect(throws: CheckError(.unrecognizedInput, "")) { try await checker.check(.bytes(Array("<html><body>hi</body></html>".utf8))) }
        await #expect(throws: CheckError(.unrecognizedInput, "")) { try await checker.check(.url(IRI("file:///etc/passwd"))) }

        var damaged = png
        damaged[60] ^= 0xFF  // inside the iTXt chunk after IHDR: its CRC no longer matches
        do {
            _ = try await checker.check(.bytes(damaged))
            Issue.record("a damaged payload chunk must not be read")
        } catch {
            #expect(error.code == .unbakeFailed)
            #expect(error.detailCode == "crcMismatch", "\(error)")
        }
        let endorsementFile = CrawlHarness.packageRoot.appendingPathComponent("Seeds/sample-web/guild-of-analysts.example/endorsements/dsf-peer-review.json")
        let endorsement = Array(try Data(contentsOf: endorsementFile))
        do {
            _ = try await checker.check(.bytes(endorsement))
            Issue.record("an endorsement is no award")
        } catch {
            #expect(error.code == .notACredential)
            #expect(error.reason.contains("endorse verify"))
        }
        #expect(recorder.requests.isEmpty)
    }

    @Test func twoPayloadsInOneImageSayWhichWasUsed() async throws {
        let servers = try await SampleWebServers(root: CrawlHarness.packageRoot.appendingPathComponent("Seeds/sample-web"))
        defer { servers.stop() }
        let harness = try CrawlHarness(port: servers.plain.port, tls: servers.tls)
        let checker = BadgeChecker(fetcher: harness.fetcher.fetcher, store: nil)
        let png = try Self.bytes("ann-data-science-foundations.png")
        // The first payload, then a second one just before IEND (the last 12 bytes): a bake cannot make that.
        let other = try BakedBadge.bake(png: Self.unbaked(png), payload: "http://data-academy.example/assertions/bob-ml.json")
        let secondChunk = try #require(Self.chunks(other).first { $0.type == "iTXt" })
        let twice = Array(png.dropLast(12)) + other[secondChunk.range] + png.suffix(12)
        let report = try await checker.check(.bytes(twice), recipient: "ann@example.org")
        #expect(report.input.warnings.contains { $0.hasPrefix("secondPayload") }, "\(report.input.warnings) \(report.reasons)")
        #expect(report.verdict == .valid, "the first payload is the one used")
    }

    /// The chunks of a PNG: type and byte range (length field to CRC).
    static func chunks(_ png: [UInt8]) -> [(type: String, range: Range<Int>)] {
        var result: [(String, Range<Int>)] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
            result.append((String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self), offset..<(offset + 12 + length)))
            offset += 12 + length
        }
        return result
    }

    /// The image without its payload chunk.
    static func unbaked(_ png: [UInt8]) throws -> [UInt8] {
        Array(png[0..<8]) + chunks(png).filter { $0.type != "iTXt" }.flatMap { png[$0.range] }
    }
}

/// Endorsements a credential carries itself, and endorsers that others endorse.
struct BadgeCheckEndorsementTests {
    @Test func endorsementsTheCredentialCarriesAreVerifiedAndEndorsedEndorsersMarked() async throws {
        let (servers, harness) = try await BadgeCheckTests.crawledSampleWeb()
        defer { servers.stop() }
        // The Council endorses the alliance itself: recorded as a crawl would record the Council's document.
        let vouch = """
            {"@context":"https://w3id.org/openbadges/v2","type":"Endorsement","id":"http://quality-council.example/endorsements/alliance.json",
            "issuer":"http://quality-council.example/profile.json","issuedOn":"2026-01-05T00:00:00Z",
            "claim":{"id":"did:web:skills-alliance.example","endorsementComment":"A trustworthy alliance of employers."}}
            """
        let url = IRI("http://quality-council.example/endorsements/alliance.json")
        try harness.store.record(
            FetchRecord(url: url, status: 200, contentType: "application/ld+json", body: Array(vouch.utf8)),
            parsed: try DocumentParser().parse(Array(vouch.utf8), url: url, contentType: "application/ld+json"))

        // An unsigned OB 3.0 credential whose achievement carries an endorsement signed by a did:key.
        let key = Curve25519.Signing.PrivateKey()
        let did = "did:key:" + Multibase.encodeBase58btc(Multicodec.ed25519Public.prefix + key.publicKey.rawRepresentation)
        let achievement = "http://open-skills-institute.example/achievements/welding-safety.json"
        let payload = """
            {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],\
            "id":"urn:uuid:77aa","type":["VerifiableCredential","EndorsementCredential"],"issuer":"\(did)",\
            "validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"id":"\(achievement)","type":["EndorsementSubject"],\
            "endorsementComment":"Carried by the credential."}}
            """
        let input = Base64URL.encode(Array(#"{"alg":"EdDSA"}"#.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        let token = input + "." + Base64URL.encode(Array(try key.signature(for: Array(input.utf8))))
        let credential = """
            {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id":"urn:uuid:99bb","type":["VerifiableCredential","OpenBadgeCredential"],
            "issuer":{"id":"https://open-skills-institute.example/issuers/osi.json","type":["Profile"],"name":"Open Skills Institute"},
            "validFrom":"2025-10-01T00:00:00Z","credentialSubject":{"type":["AchievementSubject"],
            "achievement":{"id":"\(achievement)","type":["Achievement"],"name":"Welding Safety Fundamentals","endorsementJwt":["\(token)"]}}}
            """
        let checker = BadgeChecker(fetcher: harness.fetcher.fetcher, store: harness.store)
        let report = try await checker.check(.bytes(Array(credential.utf8)), save: false)
        #expect(report.verdict == .notValid, "no proof: \(report.reasons)")
        let carried = try #require(report.endorsements.first { $0.foundBy == "credential" })
        #expect(carried.endorsement.endorser?.id.string == did)
        #expect(carried.endorsement.verification == .signed)
        #expect(carried.endorsement.signatureCheck?.outcome == .verified)

        let dsf = try await checker.check(.bytes(try BadgeCheckTests.bytes("ann-data-science-foundations.png")), save: false)
        let alliance = try #require(dsf.endorsements.first { $0.endorsement.endorser?.id.string == "did:web:skills-alliance.example" })
        #expect(alliance.endorserEndorsements == 1)
        #expect(dsf.endorsements.filter { $0.endorserEndorsements > 0 }.count == 1)
    }
}

/// Dates, on a credential signed by a did:key (no fetch needed).
struct BadgeCheckValidityTests {
    @Test func anExpiredSignedCredentialIsNotValidAndSaysWhen() async throws {
        let key = Curve25519.Signing.PrivateKey()
        let did = "did:key:" + Multibase.encodeBase58btc(Multicodec.ed25519Public.prefix + key.publicKey.rawRepresentation)
        func token(validUntil: String) throws -> [UInt8] {
            let payload = """
                {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],\
                "id":"urn:uuid:5e5e","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"\(did)","type":["Profile"],"name":"Key Holder"},\
                "validFrom":"2024-01-01T00:00:00Z","validUntil":"\(validUntil)","credentialSubject":{"type":["AchievementSubject"],\
                "identifier":[{"type":"IdentityObject","identityHash":"ann@example.org","identityType":"emailAddress","hashed":false}],\
                "achievement":{"id":"urn:uuid:a1","type":["Achievement"],"name":"Forklift Basics"}}}
                """
            let input = Base64URL.encode(Array(#"{"alg":"EdDSA"}"#.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
            return Array((input + "." + Base64URL.encode(Array(try key.signature(for: Array(input.utf8))))).utf8)
        }
        let checker = BadgeChecker(fetcher: try Fetcher(), store: nil)
        let current = try await checker.check(.bytes(try token(validUntil: "2099-01-01T00:00:00Z")), recipient: "ann@example.org")
        #expect(current.verdict == .valid, "\(current.reasons)")
        #expect(current.summary.hasPrefix("Valid badge 'Forklift Basics' issued by Key Holder on 2024-01-01 to the holder of ann@example.org"))
        #expect(current.fetched.isEmpty, "a did:key needs no fetch")

        let expired = try await checker.check(.bytes(try token(validUntil: "2025-01-01T00:00:00Z")), recipient: "ann@example.org")
        #expect(expired.verdict == .notValid)
        #expect(expired.reasons.count == 1, "\(expired.reasons)")
        #expect(expired.reasons.first?.hasPrefix("expired") == true)
        #expect(expired.signature?.signature.state == .valid, "the signature itself holds")
    }
}
