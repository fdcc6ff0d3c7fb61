/// The result of ``RDFCanonicalizer/canonicalize(_:)``: the canonical N-Quads of a dataset (RDFC-1.0 section 4.4.3
/// step 7) and the issued identifier map (the alternative result of the same step).
///
/// The quads and the map are derived on demand from what the algorithm already produced, so asking only for
/// ``bytes`` (the usual case: hashing for a proof) costs nothing more.
///
/// Equality and hashing are on ``bytes`` only: two results are equal exactly when their datasets are isomorphic.
public struct RDFCanonicalDataset: Sendable, Hashable {
    /// The canonical N-Quads as UTF-8: one line per distinct quad, each ending in `" .\n"`, sorted in code point order,
    /// blank nodes labelled `_:c14nN`. Empty for an empty dataset. Hash these bytes for Data Integrity proofs.
    public let bytes: [UInt8]
    /// The quads canonicalised (the input, or its distinct quads).
    private let input: [RDFQuad]
    /// The index into ``input`` of each line of ``bytes``, in line order.
    private let lineInputs: [Int]
    /// Input label of each blank node, by number.
    private let labels: [String]
    /// Canonical counter value of each blank node, by number.
    private let canonicalNumbers: [Int]

    init(bytes: [UInt8], input: [RDFQuad], lineInputs: [Int], labels: [String], canonicalNumbers: [Int]) {
        self.bytes = bytes
        self.input = input
        self.lineInputs = lineInputs
        self.labels = labels
        self.canonicalNumbers = canonicalNumbers
    }

    /// ``bytes`` as text.
    public var nquads: String { String(decoding: bytes, as: UTF8.self) }

    /// The number of distinct blank nodes.
    public var blankNodeCount: Int { labels.count }

    /// The issued identifier map: input blank node label (without `_:`) to canonical label (`c14n0`, …), one entry
    /// per blank node of the input. Builds the dictionary on each call.
    ///
    /// Keys are Swift Strings, which compare by canonical equivalence: two input labels that differ only in Unicode
    /// normalisation (which the algorithm treats as distinct nodes) would share a key here.
    public var issuedIdentifiers: [String: String] {
        var map: [String: String] = [:]
        map.reserveCapacity(labels.count)
        for (number, label) in labels.enumerated() { map[label] = "c14n\(canonicalNumbers[number])" }
        return map
    }

    /// The canonical quads, in the order of the lines of ``bytes``: the input quads with every blank node replaced by
    /// its canonical label. Builds the array on each call.
    public var quads: [RDFQuad] {
        var numbers: [ExactLabel: Int] = [:]
        for (number, label) in labels.enumerated() { numbers[ExactLabel(label)] = number }
        func relabel(_ term: RDFTerm) -> RDFTerm {
            guard case .blankNode(let label) = term, let number = numbers[ExactLabel(label)] else { return term }
            return .blankNode("c14n\(canonicalNumbers[number])")
        }
        return lineInputs.map { index in
            let quad = input[index]
            return RDFQuad(subject: relabel(quad.subject), predicate: quad.predicate, object: relabel(quad.object), graph: quad.graph.map(relabel))
        }
    }

    public static func == (lhs: RDFCanonicalDataset, rhs: RDFCanonicalDataset) -> Bool { lhs.bytes == rhs.bytes }
    public func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
}
