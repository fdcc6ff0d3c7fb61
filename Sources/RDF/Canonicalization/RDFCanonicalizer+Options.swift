extension RDFCanonicalizer {
    /// The hash function of RDFC-1.0 (section 4.2: SHA-256 by default; the algorithm may be parameterised).
    public enum HashAlgorithm: String, Sendable, Hashable, CaseIterable {
        /// SHA-256, the default.
        case sha256 = "SHA256"
        /// SHA-384 (rdf-canon test075, ecdsa-rdfc-2019 with P-384).
        case sha384 = "SHA384"
    }

    /// Bounds on the work of Hash N-Degree Quads (RDFC-1.0 section 4.8), which is exponential in the size of sets of
    /// blank nodes that first-degree hashing cannot tell apart ("poison graphs", section 4.4 and 7.1).
    ///
    /// Canonicalisation throws ``CanonicalizationError/Code/workLimitExceeded`` as soon as one bound is passed, so a
    /// hostile dataset costs at most the call bound times the cost of one call (proportional to the quads of one
    /// blank node) plus ``maxPermutations`` permutations. Datasets whose first-degree hashes are all distinct (nearly
    /// every credential) never call Hash N-Degree Quads.
    public struct Limits: Sendable, Hashable {
        /// Hash N-Degree Quads calls always allowed in one canonicalisation. The call bound is the larger of this and
        /// ``hashNDegreeCallsPerBlankNode`` times the dataset's blank nodes.
        public var minHashNDegreeCalls: Int
        /// Hash N-Degree Quads calls allowed per blank node of the dataset, for datasets large enough that this
        /// exceeds ``minHashNDegreeCalls``.
        public var hashNDegreeCallsPerBlankNode: Int
        /// The most permutations (section 4.8.3 step 5.4) examined in one canonicalisation, counting lists of two or
        /// more related blank nodes (a single node has only one order).
        public var maxPermutations: Int
        /// The deepest nesting of Hash N-Degree Quads calls (its recursion runs along chains of look-alike blank
        /// nodes); bounds stack use.
        public var maxRecursionDepth: Int

        /// Limits from the four bounds.
        public init(minHashNDegreeCalls: Int, hashNDegreeCallsPerBlankNode: Int, maxPermutations: Int, maxRecursionDepth: Int) {
            self.minHashNDegreeCalls = minHashNDegreeCalls
            self.hashNDegreeCallsPerBlankNode = hashNDegreeCallsPerBlankNode
            self.maxPermutations = maxPermutations
            self.maxRecursionDepth = maxRecursionDepth
        }

        /// The defaults: 4 000 Hash N-Degree Quads calls, or 2 per blank node for larger datasets; 10 000
        /// permutations; nesting 64 deep.
        ///
        /// Why these (measured on the W3C rdf-canon suite and on shapes credentials can take):
        /// - The suite's hardest positive tests (the "evil" poison graphs test044–046, 12 blank nodes) need 468
        ///   calls, 336 permutations and nesting 7; the 10-node clique of test074 needs millions of calls, and stops
        ///   at the 4 000-call bound after about 70 ms in a release build.
        /// - Credentials rarely call Hash N-Degree Quads at all (their first-degree hashes differ). Look-alike leaves
        ///   (n identical objects under one subject, or the 100 000 leaves of a star) need one call each, which the
        ///   per-node allowance keeps linear. An `@list` of n identical blank-node items needs about 2n² calls nested
        ///   n deep: lists of up to about 45 such items pass.
        /// - 64 nested calls stay far inside any thread's stack; a chain of 100 000 look-alike blank nodes, which
        ///   would recurse 100 000 deep, stops at the depth bound instead.
        public static let `default` = Limits(
            minHashNDegreeCalls: 4_000, hashNDegreeCallsPerBlankNode: 2, maxPermutations: 10_000, maxRecursionDepth: 64)

        /// The call bound for a dataset of `blankNodes` blank nodes.
        func maxHashNDegreeCalls(blankNodes: Int) -> Int {
            let (scaled, overflow) = hashNDegreeCallsPerBlankNode.multipliedReportingOverflow(by: blankNodes)
            return overflow ? Int.max : max(minHashNDegreeCalls, scaled)
        }
    }
}
