import Crypto

/// RDF Dataset Canonicalization, RDFC-1.0 (W3C Recommendation, https://www.w3.org/TR/rdf-canon/): relabels the blank
/// nodes of a dataset `c14n0`, `c14n1`, … deterministically, so that isomorphic datasets get byte-identical canonical
/// N-Quads — the text Data Integrity proofs (`eddsa-rdfc-2022`, `ecdsa-rdfc-2019`) hash and sign.
///
/// **Isomorphism.** Two datasets are isomorphic (equal up to blank node labels) exactly when their canonical N-Quads
/// are equal, so comparing ``RDFCanonicalDataset/bytes`` of both decides it; no separate isomorphism check exists.
/// A dataset that passes the work limits is decided; one that does not throws rather than answer.
///
/// **Cost.** Linear in the dataset for the usual case where first-degree hashes tell every blank node apart (one
/// serialisation, one hash per blank node, one sort of the output lines). Blank nodes that look alike need Hash
/// N-Degree Quads, which is exponential in the worst case and therefore bounded by ``Limits``.
///
/// ```swift
/// let canonical = try RDFCanonicalizer().canonicalize(quads)
/// let digest = SHA256.hash(data: canonical.bytes)
/// ```
public struct RDFCanonicalizer: Sendable {
    /// The hash function of the algorithm (section 4.2).
    public var hashAlgorithm: HashAlgorithm
    /// The bounds on Hash N-Degree Quads work.
    public var limits: Limits

    /// A canonicalizer with `hashAlgorithm` (SHA-256 unless a suite says otherwise) and `limits`.
    public init(hashAlgorithm: HashAlgorithm = .sha256, limits: Limits = .default) {
        self.hashAlgorithm = hashAlgorithm
        self.limits = limits
    }

    /// The canonical form of the dataset `quads` (RDFC-1.0 section 4.4.3).
    ///
    /// `quads` is read as a set: duplicates count once. The result holds the canonical N-Quads (sorted lines without
    /// duplicates) and the issued identifier map.
    /// - Throws: ``CanonicalizationError`` — ``CanonicalizationError/Code/workLimitExceeded`` when ``limits`` are
    ///   passed (a poison graph), ``CanonicalizationError/Code/invalidQuad`` for a literal subject, predicate or
    ///   graph name or a blank node predicate.
    public func canonicalize(_ quads: [RDFQuad]) throws(CanonicalizationError) -> RDFCanonicalDataset {
        let data = try EncodedDataset(quads)
        let canonical: [Int]
        switch hashAlgorithm {
        case .sha256:
            var run = CanonicalizationRun<SHA256>(data: data, limits: limits)
            try run.run()
            canonical = run.canonical
        case .sha384:
            var run = CanonicalizationRun<SHA384>(data: data, limits: limits)
            try run.run()
            canonical = run.canonical
        }
        // Steps 6–7: relabel, serialise, sort in code point order, drop duplicate lines.
        var lines = LineBuffer()
        lines.bytes.reserveCapacity(data.termBytes.count + data.quads.count * 24)
        for (index, quad) in data.quads.enumerated() {
            let start = lines.bytes.count
            data.appendLine(quad, to: &lines.bytes, labels: .canonical(canonical))
            lines.endLine(from: start, tag: index)
        }
        lines.sort()
        let duplicates = lines.removeAdjacentDuplicates()
        if duplicates.contains(where: { data.quads[$0].hasBlankNode }) {
            // Relabelling is one-to-one, so equal lines are equal input quads. A repeated quad with a blank node was
            // hashed twice above; a dataset is a set (test077), so run again on the distinct quads.
            let repeated = Set(duplicates)
            return try canonicalize(quads.indices.filter { !repeated.contains($0) }.map { quads[$0] })
        }
        return RDFCanonicalDataset(
            bytes: lines.joined(), input: quads, lineInputs: lines.lines.map(\.tag), labels: data.labels, canonicalNumbers: canonical)
    }

    /// The canonical form of the dataset in N-Quads `text`: ``NQuads/parse(_:)`` then ``canonicalize(_:)``.
    /// - Throws: ``NQuadsError`` for malformed text, ``CanonicalizationError`` as ``canonicalize(_:)``.
    public func canonicalize(nquads text: String) throws -> RDFCanonicalDataset {
        try canonicalize(try NQuads.parse(text))
    }
}
