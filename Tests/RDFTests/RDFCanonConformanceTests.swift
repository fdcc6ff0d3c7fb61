import Foundation
import RDF
import SharedMaterial
import Testing

/// Outside the suite below, whose trait skips it when the material is absent: this one must run to notice that on CI.
@Test func sharedMaterialIsPresentUnderCI() {
    expectSharedMaterialUnderCI()
}

/// The W3C RDF Dataset Canonicalization test suite (`conformance/rdf-canon/manifest.jsonld`), run as its README says:
/// eval tests compare canonical N-Quads byte for byte, map tests compare the issued identifier map, and the negative
/// test (a 10-node clique) must stop with the work-limit error.
@Suite(.needsSharedMaterial)
struct RDFCanonConformanceTests {
    /// One manifest entry (only the keys the runner reads).
    struct Entry: Decodable, Sendable, CustomStringConvertible {
        var id: String
        var type: String
        var action: String
        var result: String?
        var hashAlgorithm: String?
        var description: String { id }
    }

    private struct Manifest: Decodable {
        var entries: [Entry]
    }

    static let folder = "conformance/rdf-canon"

    static func entries() throws -> [Entry] {
        let bytes = try SharedMaterial.bytes("\(folder)/manifest.jsonld")
        return try JSONDecoder().decode(Manifest.self, from: Data(bytes)).entries
    }

    @Test func wholeSuitePasses() throws {
        let entries = try Self.entries()
        #expect(entries.count == 86)
        var failures: [String] = []
        for entry in entries {
            if let failure = Self.run(entry) { failures.append("\(entry.id): \(failure)") }
        }
        let counts = Dictionary(grouping: entries, by: \.type).mapValues(\.count)
        print(
            "rdf-canon: \(entries.count - failures.count)/\(entries.count) passed (eval \(counts["rdfc:RDFC10EvalTest"] ?? 0), map \(counts["rdfc:RDFC10MapTest"] ?? 0), negative \(counts["rdfc:RDFC10NegativeEvalTest"] ?? 0); 0 skipped)"
        )
        #expect(failures.isEmpty, "rdf-canon failures:\n\(failures.joined(separator: "\n"))")
    }

    /// Runs one entry; nil when it passes, else why not.
    static func run(_ entry: Entry) -> String? {
        do {
            let input = try SharedMaterial.bytes("\(folder)/\(entry.action)")
            let quads = try NQuads.parse(bytes: input)
            var canonicalizer = RDFCanonicalizer()
            if let name = entry.hashAlgorithm {
                guard let algorithm = RDFCanonicalizer.HashAlgorithm(rawValue: name) else { return "unknown hash algorithm \(name)" }
                canonicalizer.hashAlgorithm = algorithm
            }
            switch entry.type {
            case "rdfc:RDFC10EvalTest":
                let expected = try SharedMaterial.bytes("\(folder)/\(entry.result ?? "")")
                let canonical = try canonicalizer.canonicalize(quads)
                return canonical.bytes == expected
                    ? nil : "canonical N-Quads differ:\n\(canonical.nquads)--- expected:\n\(String(decoding: expected, as: UTF8.self))"
            case "rdfc:RDFC10MapTest":
                let expectedBytes = try SharedMaterial.bytes("\(folder)/\(entry.result ?? "")")
                let expected = try JSONDecoder().decode([String: String].self, from: Data(expectedBytes))
                let map = try canonicalizer.canonicalize(quads).issuedIdentifiers
                return map == expected
                    ? nil : "issued identifiers \(map.sorted { $0.key < $1.key }) != expected \(expected.sorted { $0.key < $1.key })"
            case "rdfc:RDFC10NegativeEvalTest":
                let started = ContinuousClock.now
                do {
                    _ = try canonicalizer.canonicalize(quads)
                    return "canonicalised a poison graph instead of stopping at the work limit"
                } catch {
                    let elapsed = ContinuousClock.now - started
                    guard error.code == .workLimitExceeded else { return "threw \(error) instead of the work-limit error" }
                    return elapsed < .seconds(5) ? nil : "took \(elapsed) to reach the work limit"
                }
            default:
                return "unknown test type \(entry.type)"
            }
        } catch {
            return "threw \(error)"
        }
    }
}

/// The canonical N-Quads of the W3C vc-di-eddsa test vectors (what their signatures cover) are fixed points: read,
/// relabelled and reordered, they canonicalise back to the same bytes.
@Suite(.needsSharedMaterial)
struct VCDataIntegrityVectorTests {
    @Test(arguments: [
        "eddsa-rdfc-2022/canonDocDataInt.txt", "eddsa-rdfc-2022/proofCanonDataInt.txt", "eddsa-rdfc-2022/employ/canonDocDataInt.txt",
        "eddsa-rdfc-2022/employ/proofCanonDataInt.txt", "Ed25519Signature2020/canonDocEdSig.txt", "Ed25519Signature2020/proofCanonEdSig.txt",
    ])
    func canonicalFormIsAFixedPoint(_ file: String) throws {
        let bytes = try SharedMaterial.bytes("conformance/vc-di-eddsa/TestVectors/\(file)")
        let quads = try NQuads.parse(bytes: bytes)
        let scrambled = quads.reversed().map { quad in
            func rename(_ term: RDFTerm) -> RDFTerm { term.blankNodeLabel.map { .blankNode("x\($0)y") } ?? term }
            return RDFQuad(subject: rename(quad.subject), predicate: quad.predicate, object: rename(quad.object), graph: quad.graph.map(rename))
        }
        #expect(try RDFCanonicalizer().canonicalize(scrambled).bytes == bytes)
    }
}
