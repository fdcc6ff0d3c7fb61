import Crypto
import OpenBadges

extension Verifier {
    /// The most embedded proofs checked on one credential (a proof set or chain is a handful).
    static let maxProofs = 8

    /// What checking one embedded proof found.
    struct ProofResult {
        var name: String
        var signature: Fact<SignatureState>
        var keyBinding = Fact<KeyBindingState>(.notApplicable)
        var keyID: String?
        var key: PublicKey?

        /// Higher is better: a valid bound proof, a valid one, then failures that say something about the credential.
        var rank: Int {
            switch signature.state {
            case .valid: keyBinding.state == .bound ? 4 : (keyBinding.state == .boundToOther ? 2 : 3)
            case .invalid: 1
            case .unsupported, .keyUnavailable, .missing: 0
            }
        }
    }

    /// Checks the credential's embedded Data Integrity proofs (VC Data Integrity 1.0 section 4.4 "Verify Proof"
    /// with the suites of ``EmbeddedProof/Suite``) and reports the best: one valid proof by a key bound to the
    /// issuer suffices, as for a proof set; a proof naming `previousProof` is checked over the document with those
    /// proofs put back (a proof chain, section 2.1.2).
    func checkEmbeddedProofs(of credential: JSONValue, issuer: String?, documents: inout Documents, into report: inout VerificationReport) {
        let results = embeddedProofResults(of: credential, issuer: issuer, documents: &documents)
        guard let best = results.max(by: { $0.rank < $1.rank }) else {
            report.signature = Fact(.invalid, "the proof is not a JSON object")
            return
        }
        report.algorithm = best.name
        report.signature = best.signature
        report.keyBinding = best.keyBinding
        report.keyID = best.keyID
        report.key = best.key?.description
        report.weakKey = best.key?.isWeak ?? false
    }

    /// Every embedded proof of `credential` checked, in order (at most ``maxProofs``); empty when none is an object.
    func embeddedProofResults(of credential: JSONValue, issuer: String?, documents: inout Documents) -> [ProofResult] {
        guard case .object(var unsecured) = credential else { return [] }
        let given = unsecured.removeValue(forKey: "proof")?.values ?? []
        let proofs = given.prefix(Self.maxProofs).compactMap(EmbeddedProof.init)
        var documentHashes: [String: Result<[UInt8], ProofCanonicalizer.Problem>] = [:]
        return proofs.map { proof in
            check(proof, among: proofs, unsecured: unsecured, credential: credential, issuer: issuer, documentHashes: &documentHashes,
                  documents: &documents)
        }
    }

    private func check(
        _ proof: EmbeddedProof, among proofs: [EmbeddedProof], unsecured: [String: JSONValue], credential: JSONValue, issuer: String?,
        documentHashes: inout [String: Result<[UInt8], ProofCanonicalizer.Problem>], documents: inout Documents
    ) -> ProofResult {
        var result = ProofResult(name: proof.name, signature: Fact(.missing))
        func fail(_ state: SignatureState, _ reason: String) -> ProofResult {
            result.signature = Fact(state, reason)
            return result
        }
        guard let suite = proof.suite else {
            let known = EmbeddedProof.Suite.allCases.map(\.rawValue).joined(separator: ", ")
            return fail(.unsupported, "the proof type \(proof.name) is not checked (endorse checks \(known))")
        }
        guard proof.proofPurpose == "assertionMethod" else {
            return fail(.invalid, "the proof's purpose is \(proof.proofPurpose ?? "missing"), not assertionMethod")
        }
        guard let method = proof.verificationMethod else { return fail(.invalid, "the proof names no verificationMethod") }
        guard let value = proof.proofValue, let signature = Multibase.decodeBase58btc(value[...]) else {
            return fail(.invalid, "the proofValue is not base58btc multibase")
        }
        if let problem = contextMismatch(proof: proof.members["@context"], document: unsecured["@context"]) {
            return fail(.invalid, problem)
        }

        // The document as the signer saw it: without proofs, or with the earlier proofs of a chain put back.
        var signed = unsecured
        if !proof.previousProofs.isEmpty {
            var previous: [JSONValue] = []
            for id in proof.previousProofs {
                guard let earlier = proofs.first(where: { $0.id == id }) else {
                    return fail(.invalid, "the proof chain names a previous proof \(id) the credential does not carry")
                }
                previous.append(.object(earlier.members))
            }
            signed["proof"] = previous.count == 1 ? previous[0] : .array(previous)
        }
        let hashKey = "\(suite.canonicalizesRDF)|" + proof.previousProofs.joined(separator: "|")
        let documentHash = documentHashes[hashKey] ?? canonicalHash(of: .object(signed), suite: suite)
        documentHashes[hashKey] = documentHash
        let data: [UInt8]
        switch (canonicalHash(of: proof.configuration(context: unsecured["@context"]), suite: suite), documentHash) {
        case (.success(let proofHash), .success(let docHash)): data = proofHash + docHash
        case (.failure(let problem), _), (_, .failure(let problem)):
            result.signature = problem.fact
            return result
        }

        let resolver = KeyResolver(embeddedKey: nil, keyID: method, form: .embeddedProof, credential: credential, issuer: issuer)
        let candidates: [KeyCandidate]
        switch resolver.candidates(documents: &documents) {
        case .success(let found): candidates = found
        case .failure(let problem):
            result.signature = problem.fact
            return result
        }
        let fitting = candidates.filter { suite.algorithm.fits($0.key) }
        guard let first = fitting.first else {
            let kinds = Set(candidates.map(\.key.description)).sorted().joined(separator: ", ")
            return fail(.invalid, "\(suite.rawValue) needs \(suite.algorithm == .edDSA ? "an Ed25519" : "a P-256") key, \(method) is \(kinds)")
        }
        result.keyID = method
        guard let signer = fitting.prefix(Self.maxKeyTries).first(where: { suite.algorithm.isValid(signature: signature, for: data, key: $0.key) })
        else {
            return fail(.invalid, "the \(suite.rawValue) signature does not match the key \(first.keyID)")
        }
        result.signature = Fact(.valid, "\(suite.rawValue) with \(signer.key.description)")
        result.key = signer.key
        result.keyBinding = KeyBinder(issuer: issuer).binding(of: signer, documents: &documents)
        return result
    }

    private func canonicalHash(of document: JSONValue, suite: EmbeddedProof.Suite) -> Result<[UInt8], ProofCanonicalizer.Problem> {
        do {
            return .success(try canonicalizer.hash(of: document, suite: suite))
        } catch {
            return .failure(error)
        }
    }

    /// VC Data Integrity 1.0 section 4.4 step 5: a proof carrying `@context` must have been made over a document
    /// whose `@context` starts with the same entries in the same order.
    private func contextMismatch(proof: JSONValue?, document: JSONValue?) -> String? {
        guard let proof else { return nil }
        let expected = proof.values
        let actual = document?.values ?? []
        guard actual.count >= expected.count, Array(actual.prefix(expected.count)) == expected else {
            return "the proof's @context is not the start of the credential's @context"
        }
        return nil
    }
}
