import Foundation
import JSONLD
import OpenBadges
import RDF
import SharedMaterial
import Testing

/// Real credentials through the pinned contexts of `../shared/conformance/contexts/`.
@Suite(.needsSharedMaterial)
struct CredentialTests {
    static let vectors = "conformance/vc-di-eddsa/TestVectors/"

    /// Documents of the vc-di-eddsa test vectors and the canonical N-Quads their signers produced.
    static let canonicalPairs: [(document: String, nquads: String, dropProof: Bool)] = [
        ("unsigned.json", "eddsa-rdfc-2022/canonDocDataInt.txt", false),
        ("eddsa-rdfc-2022/proofConfigDataInt.json", "eddsa-rdfc-2022/proofCanonDataInt.txt", false),
        ("eddsa-rdfc-2022/signedDataInt.json", "eddsa-rdfc-2022/canonDocDataInt.txt", true),
        ("employmentAuth.json", "eddsa-rdfc-2022/employ/canonDocDataInt.txt", false),
        ("eddsa-rdfc-2022/employ/proofConfigDataInt.json", "eddsa-rdfc-2022/employ/proofCanonDataInt.txt", false),
        ("Ed25519Signature2020/proofConfigEdSig.json", "Ed25519Signature2020/proofCanonEdSig.txt", false),
        ("Ed25519Signature2020/signedEdSig.json", "Ed25519Signature2020/canonDocEdSig.txt", true),
    ]

    @Test(arguments: canonicalPairs)
    func matchesTheSignersDataset(document: String, nquads: String, dropProof: Bool) throws {
        var json = try JSONValue.parse(bytes: SharedMaterial.bytes(Self.vectors + document))
        if dropProof, case .object(var members) = json {
            members["proof"] = nil
            json = .object(members)
        }
        let quads = try JSONLD.toRDF(json, loader: PinnedTestLoader())
        let expected = try Datasets.read(String(decoding: SharedMaterial.bytes(Self.vectors + nquads), as: UTF8.self))
        #expect(Datasets.isomorphic(quads, expected), "\(document): \(quads.count) quads, expected \(expected.count)")
    }

    /// Every JSON credential of `openbadges-signed/`, its proof removed, converts with the pinned contexts; the
    /// README names the only contexts that are not pinned.
    @Test func signedBadgesConvert() throws {
        let root = SharedMaterial.url("conformance/openbadges-signed")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" } ?? []
        let loader = try PinnedTestLoader()
        let processor = JSONLDProcessor(loader: loader)
        var converted = 0
        for file in files {
            guard case .object(var members) = try JSONValue.parse(bytes: Array(Data(contentsOf: file))),
                members["@context"] != nil
            else { continue }
            members["proof"] = nil
            do {
                let quads = try processor.toRDF(.object(members))
                #expect(!quads.isEmpty, "\(file.lastPathComponent)")
                converted += 1
            } catch {
                #expect(error.code == .loadingRemoteContextFailed, "\(file.path): \(error)")
            }
        }
        #expect(converted > 40)
    }
}
