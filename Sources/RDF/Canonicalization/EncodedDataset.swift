/// A dataset prepared for RDFC-1.0: every IRI and literal serialised once into one byte buffer, blank nodes numbered
/// by first appearance, and for each blank node the quads that mention it (the "blank node to quads map", RDFC-1.0
/// section 4.4.2 step 2).
///
/// Quads are kept as given, duplicates included: ``RDFCanonicalizer`` finds duplicates for free in the sorted output
/// (relabelling is one-to-one, so only equal input quads give equal canonical lines) and runs again without them in
/// the rare case one held a blank node. Labels are compared by their UTF-8 bytes, never by Swift `String` equality,
/// which would merge canonically equivalent but different labels.
struct EncodedDataset {
    /// One position of a quad.
    enum Slot: Equatable {
        /// An IRI or literal: `termBytes[start..<end]` is its canonical N-Quads form.
        case term(start: Int, end: Int)
        /// A blank node by number.
        case blank(Int)
        /// No graph name: the default graph.
        case none

        /// The blank node number, or -1 for a term or no graph name.
        @inline(__always)
        var blankNumber: Int {
            if case .blank(let number) = self { return number }
            return -1
        }
    }

    /// One quad as four slots.
    struct Quad {
        var subject: Slot
        var predicate: Slot
        var object: Slot
        var graph: Slot

        /// True when a blank node is the subject, object or graph name.
        var hasBlankNode: Bool { subject.blankNumber >= 0 || object.blankNumber >= 0 || graph.blankNumber >= 0 }
    }

    /// The canonical N-Quads bytes of every IRI and literal term, back to back.
    private(set) var termBytes: [UInt8] = []
    /// The quads, in input order (`quads[i]` encodes `input[i]`).
    private(set) var quads: [Quad] = []
    /// The input label of each blank node, by number.
    private(set) var labels: [String] = []
    /// For each blank node, the indices into ``quads`` of the quads that mention it (each quad once).
    private(set) var quadsOfNode: [[Int]] = []

    /// Encodes `input`.
    /// - Throws: ``CanonicalizationError/Code/invalidQuad`` for a literal subject, predicate or graph name, or a blank
    ///   node predicate.
    init(_ input: [RDFQuad]) throws(CanonicalizationError) {
        termBytes.reserveCapacity(input.count * 96)
        quads.reserveCapacity(input.count)
        var numbers: [ExactLabel: Int] = [:]
        for source in input {
            if case .literal = source.subject { throw Self.invalid("a literal cannot be a subject", source) }
            guard case .iri = source.predicate else { throw Self.invalid("the predicate must be an IRI", source) }
            if case .literal? = source.graph { throw Self.invalid("a literal cannot be a graph name", source) }
            let quad = Quad(
                subject: encode(source.subject, numbers: &numbers),
                predicate: encode(source.predicate, numbers: &numbers),
                object: encode(source.object, numbers: &numbers),
                graph: source.graph.map { encode($0, numbers: &numbers) } ?? .none)
            let index = quads.count
            quads.append(quad)
            let inSubject = quad.subject.blankNumber
            let inObject = quad.object.blankNumber
            let inGraph = quad.graph.blankNumber
            if inSubject >= 0 { quadsOfNode[inSubject].append(index) }
            if inObject >= 0, inObject != inSubject { quadsOfNode[inObject].append(index) }
            if inGraph >= 0, inGraph != inSubject, inGraph != inObject { quadsOfNode[inGraph].append(index) }
        }
    }

    /// The number of distinct blank nodes.
    var blankNodeCount: Int { labels.count }

    // MARK: - Lines

    /// How blank nodes are written by ``appendLine(_:to:labels:)``.
    enum BlankLabels {
        /// Hash First Degree Quads (section 4.6.3 step 2.1): `_:a` for `reference`, `_:z` for any other.
        case firstDegree(reference: Int)
        /// The final output: `_:c14n` followed by the node's canonical number.
        case canonical([Int])
    }

    /// Appends `quad` as a canonical N-Quads line (with `" .\n"`).
    func appendLine(_ quad: Quad, to out: inout [UInt8], labels: BlankLabels) {
        termBytes.withUnsafeBufferPointer { terms in
            Self.appendSlot(quad.subject, terms, to: &out, labels: labels)
            out.append(ASCII.space)
            Self.appendSlot(quad.predicate, terms, to: &out, labels: labels)
            out.append(ASCII.space)
            Self.appendSlot(quad.object, terms, to: &out, labels: labels)
            if quad.graph != .none {
                out.append(ASCII.space)
                Self.appendSlot(quad.graph, terms, to: &out, labels: labels)
            }
        }
        out.append(contentsOf: ASCII.lineEnd)
    }

    /// The bytes of a term slot (the predicate's `<iri>` in Hash Related Blank Node).
    func bytes(of slot: Slot) -> ArraySlice<UInt8> {
        if case .term(let start, let end) = slot { return termBytes[start..<end] }
        return []
    }

    @inline(__always)
    private static func appendSlot(_ slot: Slot, _ terms: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], labels: BlankLabels) {
        switch slot {
        case .term(let start, let end):
            out.append(contentsOf: UnsafeBufferPointer(rebasing: terms[start..<end]))
        case .blank(let number):
            switch labels {
            case .firstDegree(let reference):
                out.append(ASCII.underscore)
                out.append(ASCII.colon)
                out.append(number == reference ? UInt8(ascii: "a") : UInt8(ascii: "z"))
            case .canonical(let canonicalNumbers):
                out.append(contentsOf: CanonicalPrefix.canonical)
                NQuads.appendDecimal(canonicalNumbers[number], to: &out)
            }
        case .none:
            break
        }
    }

    // MARK: - Encoding

    private mutating func encode(_ term: RDFTerm, numbers: inout [ExactLabel: Int]) -> Slot {
        switch term {
        case .blankNode(let label):
            let key = ExactLabel(label)
            if let number = numbers[key] { return .blank(number) }
            let number = labels.count
            numbers[key] = number
            labels.append(label)
            quadsOfNode.append([])
            return .blank(number)
        default:
            let start = termBytes.count
            NQuads.appendTerm(term, to: &termBytes)
            return .term(start: start, end: termBytes.count)
        }
    }

    private static func invalid(_ what: String, _ quad: RDFQuad) -> CanonicalizationError {
        CanonicalizationError(
            code: .invalidQuad, reason: "\(what) in N-Quads (RDF 1.1 datasets; generalized RDF is not canonicalised): \(NQuads.serialize(quad))")
    }
}

/// A blank node label that hashes and compares by its UTF-8 bytes (code points), not by canonical equivalence.
struct ExactLabel: Hashable {
    let label: String

    init(_ label: String) { self.label = label }

    static func == (lhs: ExactLabel, rhs: ExactLabel) -> Bool {
        let fast = lhs.label.utf8.withContiguousStorageIfAvailable { left in
            rhs.label.utf8.withContiguousStorageIfAvailable { right in
                bytesEqual(left, right)
            }
        }
        if let fast, let equal = fast { return equal }
        return lhs.label.utf8.elementsEqual(rhs.label.utf8)
    }

    func hash(into hasher: inout Hasher) {
        if label.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            for byte in label.utf8 { hasher.combine(byte) }
        }
    }
}

/// The blank node prefixes RDFC-1.0 issues identifiers with, as bytes with `_:`.
enum CanonicalPrefix {
    /// `_:c14n`, the canonical issuer's prefix (section 4.4.2 step 1).
    static let canonical: [UInt8] = Array("_:c14n".utf8)
    /// `_:b`, the temporary issuers' prefix (section 4.4.3 step 5.2.2).
    static let temporary: [UInt8] = Array("_:b".utf8)
}
