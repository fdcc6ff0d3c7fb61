import Foundation
import RDF
import Testing

/// RDFC-1.0 behaviour beyond the W3C suite: isomorphism, set semantics, invalid quads, and hostile datasets that must
/// finish in bounded time or stop with the work-limit error.
struct RDFCanonicalizerTests {
    static let credential = """
        <urn:uuid:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
        <urn:uuid:1> <https://www.w3.org/2018/credentials#credentialSubject> _:subject .
        <urn:uuid:1> <https://w3id.org/security#proof> _:proofGraph .
        _:subject <https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement> <urn:ex:achievement> .
        _:subject <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identifier> _:identity .
        _:identity <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash> "a@example.org" .
        _:alignment1 <https://schema.org/name> "same" .
        _:alignment2 <https://schema.org/name> "same" .
        <urn:ex:achievement> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#alignment> _:alignment1 .
        <urn:ex:achievement> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#alignment> _:alignment2 .
        _:proof <https://w3id.org/security#cryptosuite> "eddsa-rdfc-2022" _:proofGraph .

        """

    /// `quads` in reverse order with every blank node renamed.
    static func relabelledAndReversed(_ quads: [RDFQuad]) -> [RDFQuad] {
        func rename(_ term: RDFTerm) -> RDFTerm {
            guard case .blankNode(let label) = term else { return term }
            return .blankNode("renamed-\(label.count)-\(label)")
        }
        return quads.reversed().map {
            RDFQuad(subject: rename($0.subject), predicate: $0.predicate, object: rename($0.object), graph: $0.graph.map(rename))
        }
    }

    @Test func isomorphicDatasetsHaveIdenticalCanonicalForms() throws {
        let quads = try NQuads.parse(Self.credential)
        let canonicalizer = RDFCanonicalizer()
        let original = try canonicalizer.canonicalize(quads)
        let variant = try canonicalizer.canonicalize(Self.relabelledAndReversed(quads))
        #expect(original.bytes == variant.bytes)
        #expect(original == variant)
        #expect(original.blankNodeCount == 6)
        #expect(original.nquads.hasSuffix(" .\n"))
        #expect(!original.nquads.contains("_:subject"))

        var changed = quads
        changed[5] = RDFQuad(subject: .blankNode("identity"), predicate: quads[5].predicate, object: .literal(RDFLiteral("b@example.org")))
        #expect(try canonicalizer.canonicalize(changed) != original)
    }

    @Test func resultQuadsAndMapAgreeWithTheCanonicalText() throws {
        let result = try RDFCanonicalizer().canonicalize(NQuads.parse(Self.credential))
        #expect(NQuads.serialize(result.quads) == result.nquads)
        let map = result.issuedIdentifiers
        #expect(Set(map.keys) == ["subject", "proofGraph", "identity", "alignment1", "alignment2", "proof"])
        #expect(Set(map.values) == Set((0..<6).map { "c14n\($0)" }))
        let lines = result.nquads.split(separator: "\n")
        #expect(lines == lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func aDatasetIsASetDuplicatesCountOnce() throws {
        let quads = try NQuads.parse(Self.credential)
        let canonicalizer = RDFCanonicalizer()
        let once = try canonicalizer.canonicalize(quads)
        // Ground duplicates, and blank-node duplicates (which would otherwise change first-degree hashes).
        let twice = try canonicalizer.canonicalize(quads + [quads[0], quads[6], quads[10]] + quads.reversed())
        #expect(twice.bytes == once.bytes)
        #expect(twice.issuedIdentifiers.count == 6)
        #expect(twice.quads.count == quads.count)
    }

    @Test func emptyAndGroundDatasets() throws {
        let canonicalizer = RDFCanonicalizer()
        #expect(try canonicalizer.canonicalize([]).bytes.isEmpty)
        let ground = try canonicalizer.canonicalize(nquads: "<urn:ex:b> <urn:ex:p> \"2\" .\n<urn:ex:a> <urn:ex:p> \"1\" .\n")
        #expect(ground.nquads == "<urn:ex:a> <urn:ex:p> \"1\" .\n<urn:ex:b> <urn:ex:p> \"2\" .\n")
        #expect(ground.issuedIdentifiers.isEmpty)
    }

    @Test func sortsByCodePointsNotByStringComparison() throws {
        // U+FB01 (ﬁ) sorts after U+0066 U+0069 by code point, though Swift's String comparison may order them otherwise.
        let result = try RDFCanonicalizer().canonicalize(
            nquads:
                "<urn:ex:s> <urn:ex:p> \"\u{FB01}\" .\n<urn:ex:s> <urn:ex:p> \"fi\" .\n<urn:ex:s> <urn:ex:p> \"e\u{301}\" .\n<urn:ex:s> <urn:ex:p> \"\u{E9}\" .\n"
        )
        #expect(
            result.nquads
                == "<urn:ex:s> <urn:ex:p> \"e\u{301}\" .\n<urn:ex:s> <urn:ex:p> \"fi\" .\n<urn:ex:s> <urn:ex:p> \"\u{E9}\" .\n<urn:ex:s> <urn:ex:p> \"\u{FB01}\" .\n"
        )
    }

    @Test func labelsDifferingOnlyInNormalisationAreDifferentBlankNodes() throws {
        let quads = [
            RDFQuad(subject: .blankNode("\u{E9}"), predicate: .iri("urn:ex:p"), object: .literal(RDFLiteral("1"))),
            RDFQuad(subject: .blankNode("e\u{301}"), predicate: .iri("urn:ex:p"), object: .literal(RDFLiteral("2"))),
        ]
        let result = try RDFCanonicalizer().canonicalize(quads)
        #expect(result.blankNodeCount == 2)
        #expect(result.nquads.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 2)
    }

    @Test func sha384GivesOtherHashesButAnIsomorphismInvariantResult() throws {
        let quads = try NQuads.parse(Self.credential)
        let sha384 = RDFCanonicalizer(hashAlgorithm: .sha384)
        #expect(try sha384.canonicalize(quads) == sha384.canonicalize(Self.relabelledAndReversed(quads)))
    }

    @Test(arguments: [
        RDFQuad(subject: .literal(RDFLiteral("s")), predicate: .iri("urn:ex:p"), object: .iri("urn:ex:o")),
        RDFQuad(subject: .iri("urn:ex:s"), predicate: .blankNode("p"), object: .iri("urn:ex:o")),
        RDFQuad(subject: .iri("urn:ex:s"), predicate: .literal(RDFLiteral("p")), object: .iri("urn:ex:o")),
        RDFQuad(subject: .iri("urn:ex:s"), predicate: .iri("urn:ex:p"), object: .iri("urn:ex:o"), graph: .literal(RDFLiteral("g"))),
    ])
    func generalizedRDFIsRefused(_ quad: RDFQuad) {
        #expect(throws: CanonicalizationError(code: .invalidQuad, reason: "")) { try RDFCanonicalizer().canonicalize([quad]) }
    }

    // MARK: - Hostile datasets

    static let predicate = RDFTerm.iri("https://example.org/p")

    /// `size` blank nodes all linked to each other.
    static func clique(_ size: Int) -> [RDFQuad] {
        (0..<size).flatMap { from in
            (0..<size).filter { $0 != from }.map { RDFQuad(subject: .blankNode("n\(from)"), predicate: predicate, object: .blankNode("n\($0)")) }
        }
    }

    /// 10 000 leaves (100 000 take half a minute in a debug build, where they held up every other test; the release
    /// build does 100 000 in about 0.35 s, and the Verifier's own 100 000-node case stops at the JSON-LD work limit).
    @Test func aStarOf10000LookAlikeLeavesIsCanonicalised() throws {
        let star = (0..<10_000).map { RDFQuad(subject: .blankNode("hub"), predicate: Self.predicate, object: .blankNode("leaf\($0)")) }
        let started = ContinuousClock.now
        let result = try RDFCanonicalizer().canonicalize(star)
        #expect(result.blankNodeCount == 10_001)
        #expect(result.issuedIdentifiers["hub"] == "c14n0")
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func aChainOf100000LookAlikeNodesStopsAtTheWorkLimit() {
        let chain = (0..<100_000).map { RDFQuad(subject: .blankNode("n\($0)"), predicate: Self.predicate, object: .blankNode("n\($0 + 1)")) }
        let started = ContinuousClock.now
        #expect(throws: CanonicalizationError(code: .workLimitExceeded, reason: "")) { try RDFCanonicalizer().canonicalize(chain) }
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func eachBoundStopsAPoisonGraphWithTheNamedError() throws {
        let clique = Self.clique(6)
        let bounds: [RDFCanonicalizer.Limits] = [
            .init(minHashNDegreeCalls: 10, hashNDegreeCallsPerBlankNode: 1, maxPermutations: .max, maxRecursionDepth: .max),
            .init(minHashNDegreeCalls: .max, hashNDegreeCallsPerBlankNode: 0, maxPermutations: 5, maxRecursionDepth: .max),
            .init(minHashNDegreeCalls: .max, hashNDegreeCallsPerBlankNode: 0, maxPermutations: .max, maxRecursionDepth: 1),
        ]
        for limits in bounds {
            let error = try #require(throws: CanonicalizationError.self) { try RDFCanonicalizer(limits: limits).canonicalize(clique) }
            #expect(error.code == .workLimitExceeded)
            #expect(error.code.rawValue == "RDFC-1.0 work limit exceeded")
            #expect(error.reason.contains("poison graph"))
        }
    }

    @Test func aTenNodeCliqueStopsQuicklyUnderTheDefaultLimits() {
        let started = ContinuousClock.now
        #expect(throws: CanonicalizationError(code: .workLimitExceeded, reason: "")) { try RDFCanonicalizer().canonicalize(Self.clique(10)) }
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func lookAlikeNodesWithinTheLimitsAreCanonicalised() throws {
        // A list of 20 identical blank-node items: about 650 Hash N-Degree Quads calls, nested 19 deep.
        let first = RDFTerm.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")
        let rest = RDFTerm.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest")
        var list = [RDFQuad(subject: .iri("urn:ex:s"), predicate: Self.predicate, object: .blankNode("l0"))]
        for index in 0..<20 {
            list.append(RDFQuad(subject: .blankNode("l\(index)"), predicate: first, object: .blankNode("item\(index)")))
            let next: RDFTerm = index == 19 ? .iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil") : .blankNode("l\(index + 1)")
            list.append(RDFQuad(subject: .blankNode("l\(index)"), predicate: rest, object: next))
            list.append(RDFQuad(subject: .blankNode("item\(index)"), predicate: .iri("urn:ex:name"), object: .literal(RDFLiteral("same"))))
        }
        let canonicalizer = RDFCanonicalizer()
        #expect(try canonicalizer.canonicalize(list) == canonicalizer.canonicalize(Self.relabelledAndReversed(list)))
    }

    @Test func aOneMegabyteLiteralOnABlankNode() throws {
        let big = String(repeating: "0123456789\"\\\n", count: 80_000)
        let quads = [
            RDFQuad(subject: .blankNode("a"), predicate: Self.predicate, object: .literal(RDFLiteral(big))),
            RDFQuad(subject: .blankNode("b"), predicate: Self.predicate, object: .literal(RDFLiteral(big, language: "en"))),
            RDFQuad(subject: .blankNode("a"), predicate: Self.predicate, object: .blankNode("b"), graph: .blankNode("a")),
        ]
        let result = try RDFCanonicalizer().canonicalize(quads)
        #expect(result.bytes.count > 2 * 1_040_000)
        #expect(try NQuads.parse(result.nquads) == result.quads)
    }

    @Test func selfReferencesInEveryPosition() throws {
        let text = "_:a <urn:ex:p> _:a _:a .\n_:a <urn:ex:p> _:b _:a .\n_:b <urn:ex:p> _:a _:b .\n_:b <urn:ex:p> _:b _:b .\n"
        let result = try RDFCanonicalizer().canonicalize(nquads: text)
        let swapped = try RDFCanonicalizer().canonicalize(
            nquads: text.replacingOccurrences(of: "_:a", with: "_:t").replacingOccurrences(of: "_:b", with: "_:a").replacingOccurrences(
                of: "_:t", with: "_:b"))
        #expect(result == swapped)
        #expect(result.quads.count == 4)
    }
}
