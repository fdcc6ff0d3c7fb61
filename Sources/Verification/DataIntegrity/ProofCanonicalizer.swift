import Crypto
import JSONLD
import OpenBadges
import RDF

/// Turns a credential or proof options into the bytes a Data Integrity proof hashes: RDFC-1.0 canonical N-Quads of
/// its JSON-LD (the `rdfc` suites) or its RFC 8785 canonical JSON (the `jcs` suite).
///
/// Contexts come only from the processor's loader, endorse's pinned contexts by default: a context it does not
/// ship makes the proof unverifiable rather than fetched, since a context served live could change what a signed
/// document means. Processed contexts are kept in the processor's cache, shared by every copy of this value.
public struct ProofCanonicalizer: Sendable {
    /// The JSON-LD processor (its loader decides which contexts exist).
    public let processor: JSONLDProcessor
    /// The RDFC-1.0 limits (the work bound on Hash N-Degree Quads).
    public let canonicalizer: RDFCanonicalizer

    /// A canonicalizer loading contexts through `loader`.
    public init(loader: any DocumentLoader, limits: JSONLDLimits = .default) {
        // Safe mode: a document whose JSON-LD drops something (an undefined term, a relative @id or @type) would
        // have a signature that does not cover all it says (VC Data Integrity 1.0 section 4).
        processor = JSONLDProcessor(loader: loader, options: JSONLDOptions(limits: limits, safeMode: true))
        canonicalizer = RDFCanonicalizer()
    }

    /// The pinned contexts endorse ships (``PinnedContexts``), with one context cache for the process: processing
    /// a pinned context is a pure function of bytes that never change, so its result is kept and shared.
    public static let pinned = ProofCanonicalizer(loader: PinnedContexts())

    /// Why a document could not be canonicalised.
    enum Problem: Error {
        /// A context endorse does not have (the URL).
        case unknownContext(String)
        /// The document passed a work limit (JSON-LD or RDFC-1.0).
        case tooMuchWork(String)
        /// The document is not valid JSON-LD.
        case invalid(String)
        /// Part of the document would not become RDF, so the signature would not cover it (safe mode).
        case dropsData(String)

        var fact: Fact<SignatureState> {
            switch self {
            case .unknownContext(let reason): Fact(.unsupported, "unknown JSON-LD context: \(reason)")
            case .tooMuchWork(let reason): Fact(.unsupported, "too costly to canonicalise: \(reason)")
            case .invalid(let reason): Fact(.invalid, "the signed document is not valid JSON-LD: \(reason)")
            case .dropsData(let reason): Fact(.invalid, "not all of the document is signed: \(reason)")
            }
        }
    }

    /// The SHA-256 of `document`'s canonical form for `suite`.
    func hash(of document: JSONValue, suite: EmbeddedProof.Suite) throws(Problem) -> [UInt8] {
        Array(SHA256.hash(data: try canonicalForm(of: document, suite: suite)))
    }

    /// `document`'s canonical form for `suite`.
    func canonicalForm(of document: JSONValue, suite: EmbeddedProof.Suite) throws(Problem) -> [UInt8] {
        guard suite.canonicalizesRDF else { return document.jcsCanonicalBytes }
        let quads: [RDFQuad]
        do {
            quads = try processor.toRDF(document)
        } catch {
            switch error.code {
            case .loadingRemoteContextFailed, .loadingDocumentFailed: throw .unknownContext(error.reason)
            case .workLimitExceeded, .contextOverflow: throw .tooMuchWork(error.reason)
            case .safeModeViolation: throw .dropsData(error.reason)
            default: throw .invalid(error.description)
            }
        }
        do {
            return try canonicalizer.canonicalize(quads).bytes
        } catch {
            throw .tooMuchWork(error.description)
        }
    }
}

extension ProofCanonicalizer {
    /// Why ``signingInput(document:proofOptions:)`` could not make the bytes to sign.
    public struct SigningError: Error, Sendable, CustomStringConvertible {
        /// What went wrong, for a person.
        public let reason: String
        public var description: String { reason }
    }

    /// The bytes a Data Integrity proof signs (vc-di-eddsa section 3.3.4 / 3.4.4, vc-di-ecdsa section 3.3.4): the
    /// SHA-256 of the canonical proof options (with the document's `@context`) followed by the SHA-256 of the
    /// canonical document, for the `cryptosuite` the options name (`eddsa-rdfc-2022`, `eddsa-jcs-2022`,
    /// `ecdsa-rdfc-2019`) or the `Ed25519Signature2020` type. What signers (the sample web, the benchmarks) sign,
    /// and exactly what ``Verifier`` checks.
    /// - Parameters:
    ///   - document: the credential without `proof` (or, for a chained proof, with the earlier proofs).
    ///   - proofOptions: the proof without `proofValue`.
    /// - Throws: ``SigningError`` for an unknown suite or a document that cannot be canonicalised.
    public func signingInput(document: JSONValue, proofOptions: JSONValue) throws(SigningError) -> [UInt8] {
        guard let proof = EmbeddedProof(proofOptions), let suite = proof.suite else {
            throw SigningError(reason: "the proof options name no suite endorse signs with")
        }
        do {
            let options = try hash(of: proof.configuration(context: document["@context"]), suite: suite)
            return options + (try hash(of: document, suite: suite))
        } catch {
            throw SigningError(reason: error.fact.detail ?? "the document cannot be canonicalised")
        }
    }
}
