import Foundation
import SharedMaterial
import Testing

/// The example corpus this target reads from `../shared/`.
struct SharedMaterialTests {
    @Test func sharedMaterialIsPresentUnderCI() {
        expectSharedMaterialUnderCI()
    }

    @Test(.needsSharedMaterial) func exampleCorpusIsWhereTheTestsLookForIt() throws {
        let entries = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examplesFolder.path)
        #expect(entries.contains("imsglobal-ob-spec-v2p0"), "no imsglobal-ob-spec-v2p0 in \(Fixtures.examplesFolder.path)")
    }
}
