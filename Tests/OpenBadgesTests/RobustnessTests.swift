import Foundation
import SharedMaterial
import Testing

@testable import OpenBadges

/// Seeded mutations of the corpus: whatever the bytes, the parser returns a document or a typed error
/// with a reason and a path, and never traps.
struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(
        .needsSharedMaterial,
        arguments: [
            "1edtech-dc-public-validator/ob30/complete.json",
            "imsglobal-ob-spec-v2p0/spec-assertion-embedded-badgeclass-issuer.json",
            "imsglobal-ob-spec-v2p0/ext-endorsement-v1-assertion-extension.json",
        ])
    func mutatedDocumentsNeverTrap(file: String) throws {
        let original = try Fixtures.exampleBytes(file)
        var random = SplitMix(state: UInt64(original.count))
        let interesting: [UInt8] = Array("{}[]\",:\\ \n\t0-e.tfn<>".utf8) + [0x00, 0x80, 0xC3, 0xFF]
        var parsed = 0
        var failed = 0
        for _ in 0..<300 {
            var body = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0..<body.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: body[position] = interesting.randomElement(using: &random) ?? 0
                case 1: body.remove(at: position)
                default: body.insert(interesting.randomElement(using: &random) ?? 0, at: position)
                }
            }
            do {
                _ = try DocumentParser().parse(body, url: "https://fuzz.example/doc", contentType: nil)
                parsed += 1
            } catch {
                failed += 1
                #expect(!error.reason.isEmpty)
                #expect(error.path.hasPrefix("$") || error.path.hasPrefix("byte"))
            }
        }
        #expect(parsed + failed == 300)
        #expect(failed > 0)
    }

    @Test(.needsSharedMaterial) func truncatedDocumentsAtEveryLengthFailCleanly() throws {
        let original = try Fixtures.exampleBytes("imsglobal-ob-spec-v2p0/examples-endorsement-124-claim-badgeclass.json")
        let trimmedEnd = original.lastIndex(of: UInt8(ascii: "}")) ?? original.count
        for length in 1..<trimmedEnd {
            let error = Fixtures.error(Array(original.prefix(length)), contentType: "application/json")
            #expect(error?.code == .malformedJSON, "length \(length)")
        }
    }
}
