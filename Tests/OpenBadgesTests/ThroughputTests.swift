import Foundation
import Testing

@testable import OpenBadges

/// A large generated listing parsed end to end. The size comes from `ENDORSE_PARSE_BENCH_MB` (default 2) so
/// the suite stays quick in debug builds; the throughput is printed, correctness is asserted.
struct ThroughputTests {
    static func generatedListing(megabytes: Int) -> [UInt8] {
        var text = "["
        var index = 0
        while text.utf8.count < megabytes << 20 {
            if index > 0 { text += ",\n" }
            text += """
                {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://api.badgr.io/public/badges/b\(index)",
                 "name": "Badge n\\u00b0\(index) \u{00e9}t\u{00e9}", "description": "Awarded for \(index) things, with \\"quotes\\" and\\nnewlines.",
                 "image": "https://api.badgr.io/public/badges/b\(index)/image", "criteria": {"narrative": "Do \(index) things."},
                 "issuer": "https://api.badgr.io/public/issuers/ISS", "tags": ["t\(index % 7)", "skills"], "alignment": [],
                 "endorsement": [{"type": "Endorsement", "issuer": {"id": "https://e.example/\(index % 13)", "name": "Endorser"},
                                  "claim": {"id": "https://api.badgr.io/public/badges/b\(index)", "endorsementComment": "Good \(index)"},
                                  "issuedOn": "2020-01-0\(index % 9 + 1)T00:00:00Z", "verification": {"type": "hosted"}}]}
                """
            index += 1
        }
        return Array((text + "]").utf8)
    }

    @Test func largeListingParsesCompletely() throws {
        let megabytes = ProcessInfo.processInfo.environment["ENDORSE_PARSE_BENCH_MB"].flatMap(Int.init) ?? 2
        let body = Self.generatedListing(megabytes: megabytes)
        let parser = DocumentParser(limits: ParserLimits(maxBytes: 256 << 20))
        let start = ContinuousClock.now
        let doc = try parser.parse(body, url: "https://api.badgr.io/public/issuers/ISS/badges", contentType: "application/json")
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("parsed \(body.count) bytes in \(seconds) s: \(Double(body.count) / 1_048_576 / seconds) MB/s")
        #expect(doc.badges.count > 1000)
        #expect(doc.endorsements.count == doc.badges.count)
        #expect(doc.badges.allSatisfy { $0.endorsements.count == 1 })
        #expect(doc.badges[1].name == "Badge n°1 été")
        #expect(doc.warnings.isEmpty)
    }
}
