import RDF
import Testing

/// Embedded credentials whose proofs look alike (the 1EdTech OB 3.0 "complete" example has four): each proof node's
/// quads sit in a blank-node graph, so Hash N-Degree Quads lists that graph once per quad. Walking only the distinct
/// orderings of such a list keeps them cheap; walking every index permutation needed n! of them and passed the
/// permutation limit from eight quads per proof.
struct LookAlikeProofTests {
    /// `credentials` endorsement-like credentials, each with a proof of `properties` quads identical to the others'.
    static func endorsements(_ credentials: Int, properties: Int) -> [RDFQuad] {
        (0..<credentials).flatMap { number -> [RDFQuad] in
            let graph = RDFTerm.blankNode("graph\(number)")
            let proof = RDFTerm.blankNode("proof\(number)")
            var quads = [RDFQuad(subject: .iri("urn:ex:endorsement:\(number)"), predicate: .iri("https://w3id.org/security#proof"), object: graph)]
            for property in 0..<properties {
                quads.append(
                    RDFQuad(subject: proof, predicate: .iri("urn:ex:property\(property)"), object: .literal(RDFLiteral("same")), graph: graph))
            }
            return quads
        }
    }

    @Test(arguments: [(4, 6), (4, 9), (6, 12)])
    func lookAlikeProofsCanonicaliseWithinTheDefaultLimits(credentials: Int, properties: Int) throws {
        let quads = Self.endorsements(credentials, properties: properties)
        let canonicalizer = RDFCanonicalizer()
        let result = try canonicalizer.canonicalize(quads)
        #expect(result.blankNodeCount == 2 * credentials)
        #expect(result == (try canonicalizer.canonicalize(RDFCanonicalizerTests.relabelledAndReversed(quads))))
    }
}
