import Foundation
import JSONLD
import SharedMaterial
import Testing

/// The W3C JSON-LD 1.1 expand and toRdf manifests, run as `../shared/conformance/README.md` says.
@Suite(.needsSharedMaterial)
struct ConformanceTests {
    /// Tests known to fail, with the reason; must stay under 1 % of the applicable tests of each manifest.
    static let knownExpandFailures: [String: String] = [:]
    static let knownToRdfFailures: [String: String] = [:]

    @Test func expandManifest() throws {
        let outcome = try ManifestRunner(kind: .expand, manifest: "expand-manifest.jsonld").run()
        report("expand", outcome, known: Self.knownExpandFailures)
    }

    @Test func toRdfManifest() throws {
        let outcome = try ManifestRunner(kind: .toRdf, manifest: "toRdf-manifest.jsonld").run()
        report("toRdf", outcome, known: Self.knownToRdfFailures)
    }

    private func report(_ name: String, _ outcome: ManifestRunner.Outcome, known: [String: String]) {
        print("json-ld \(name): \(outcome.passed.count)/\(outcome.applicable) passed (skipped \(outcome.skipped.count))")
        if let path = ProcessInfo.processInfo.environment["JSONLD_FAILURE_REPORT"] {
            let text = outcome.failed.map { "\($0.id)\n\($0.detail)\n" }.joined(separator: "\n")
            try? text.write(toFile: path + "-" + name + ".txt", atomically: true, encoding: .utf8)
        }
        let unexpected = outcome.failed.filter { known[$0.id] == nil }.map(\.id)
        let allExpected = unexpected.isEmpty
        #expect(allExpected, "\(name) failures: \(unexpected.joined(separator: ", "))")
        let fixed = known.keys.filter { id in outcome.passed.contains(id) }.sorted()
        let noneFixed = fixed.isEmpty
        #expect(noneFixed, "\(name) known failures that now pass: \(fixed.joined(separator: ", "))")
        #expect(Double(known.count) < Double(outcome.applicable) * 0.01, "\(name): known failures must stay under 1 %")
    }
}

@Test func sharedMaterialIsPresentUnderCI() {
    expectSharedMaterialUnderCI()
}
