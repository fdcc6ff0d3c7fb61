import Foundation
import OpenBadges
import Testing

@testable import Verification

/// ``VerificationReport/json`` is written by hand for speed; it must stay what `JSONEncoder` writes, because the
/// store reads facts back with `JSONDecoder`.
@Suite struct ReportJSONTests {
    static let texts = [
        "plain", "", "quote \" and backslash \\", "slash / stays", "line\nbreak\r\ttab", "\u{08}\u{0C}\u{01}\u{1F}\u{7F}",
        "non-ASCII é ∑ 😀", "did:web:example.org#key-1",
    ]

    static var reports: [VerificationReport] {
        var all: [VerificationReport] = [VerificationReport(form: .unsigned)]
        for (index, text) in texts.enumerated() {
            var report = VerificationReport(form: index % 2 == 0 ? .vcJWT20 : .ob2Signed)
            report.signature = Fact(.valid, index % 3 == 0 ? nil : text)
            report.keyBinding = Fact(.boundToOther, text)
            report.status = Fact(.revoked, text)
            report.validity = Fact(.expired, index % 2 == 0 ? text : nil)
            report.claimProblems = Array(repeating: text, count: index % 3)
            report.credentialID = index % 2 == 0 ? IRI("urn:uuid:\(index)") : nil
            report.issuer = IRI("https://issuer.example/\(text)")
            report.algorithm = index % 2 == 0 ? "EdDSA" : nil
            report.keyID = text
            report.key = index % 3 == 1 ? nil : text
            report.weakKey = index % 2 == 1
            report.needed = index % 2 == 0 ? [IRI("https://a.example/x"), IRI("https://b.example/\(index)")] : []
            all.append(report)
        }
        return all
    }

    @Test func matchesJSONEncoderByteForByte() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for report in Self.reports {
            let expected = String(decoding: try encoder.encode(report), as: UTF8.self)
            #expect(report.json == expected)
        }
    }

    @Test func readsBackAsTheSameReport() throws {
        for report in Self.reports {
            let decoded = try JSONDecoder().decode(VerificationReport.self, from: Data(report.json.utf8))
            #expect(decoded == report)
        }
    }
}
