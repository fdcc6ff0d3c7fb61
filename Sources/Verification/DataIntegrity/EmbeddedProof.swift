import OpenBadges

/// One embedded proof of a credential (VC Data Integrity 1.0 section 2.1), as read, not yet checked.
struct EmbeddedProof {
    /// The proof suites endorse checks, named as a proof's `type` / `cryptosuite` name them.
    enum Suite: String, CaseIterable {
        /// `DataIntegrityProof` with `eddsa-rdfc-2022` (vc-di-eddsa section 3.3): RDFC-1.0, SHA-256, Ed25519.
        case eddsaRDFC2022 = "eddsa-rdfc-2022"
        /// The name `eddsa-rdfc-2022` had in drafts; the same algorithm.
        case eddsa2022 = "eddsa-2022"
        /// `Ed25519Signature2020` (the legacy suite vc-di-eddsa section 3.1 documents): the same transformation.
        case ed25519Signature2020 = "Ed25519Signature2020"
        /// `DataIntegrityProof` with `eddsa-jcs-2022` (vc-di-eddsa section 3.4): JCS instead of RDF.
        case eddsaJCS2022 = "eddsa-jcs-2022"
        /// `DataIntegrityProof` with `ecdsa-rdfc-2019` (vc-di-ecdsa section 3.3), on P-256 with SHA-256.
        case ecdsaRDFC2019 = "ecdsa-rdfc-2019"

        /// The signature algorithm over the combined hashes.
        var algorithm: SignatureAlgorithm { self == .ecdsaRDFC2019 ? .es256 : .edDSA }
        /// True when documents are canonicalised as RDF (RDFC-1.0), false for JCS.
        var canonicalizesRDF: Bool { self != .eddsaJCS2022 }
    }

    /// The proof object as the credential has it.
    let members: [String: JSONValue]
    /// The suite, when endorse checks it.
    let suite: Suite?
    /// `type`, or `type/cryptosuite` for a `DataIntegrityProof`: what a report names.
    let name: String
    let id: String?
    let verificationMethod: String?
    let proofPurpose: String?
    let proofValue: String?
    /// The `previousProof` ids: the proofs this one was made over (a proof chain, VC Data Integrity 1.0 section 2.1.2).
    let previousProofs: [String]

    init?(_ value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        self.members = members
        let type = members["type"]?.string ?? members["type"]?.strings.first ?? ""
        let cryptosuite = members["cryptosuite"]?.string
        if type == "DataIntegrityProof" {
            name = [type, cryptosuite ?? "(no cryptosuite)"].joined(separator: "/")
            suite = cryptosuite.flatMap(Suite.init(rawValue:)).flatMap { $0 == .ed25519Signature2020 ? nil : $0 }
        } else {
            name = type.isEmpty ? "(untyped proof)" : type
            suite = type == Suite.ed25519Signature2020.rawValue ? .ed25519Signature2020 : nil
        }
        id = members["id"]?.string
        verificationMethod = members["verificationMethod"]?.string ?? members["verificationMethod"]?["id"]?.string
        proofPurpose = members["proofPurpose"]?.string
        proofValue = members["proofValue"]?.string
        previousProofs = members["previousProof"]?.strings ?? []
    }

    /// The proof options: the proof without `proofValue`, with the document's `@context` (vc-di-eddsa section
    /// 3.3.5 step 4, "Proof Configuration"), which is what the signer canonicalised.
    func configuration(context: JSONValue?) -> JSONValue {
        var options = members
        options["proofValue"] = nil
        options["@context"] = context
        return .object(options)
    }
}
