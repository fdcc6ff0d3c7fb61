import RDF

/// The quads of one toRdf call in the order they are met, each kept once (an RDF dataset is a set).
///
/// Hashing every quad (up to four strings) into a set was a third of the cost of turning an expanded credential into
/// quads. Equal quads have equal subjects, so quads are grouped by subject instead: the builder names a subject's
/// ``Group`` once per node object (one dictionary look-up for an IRI, an array index for a blank node, which is
/// numbered), and a new quad is compared only with the earlier quads of its group, most of which differ in their
/// predicate at once. A group that grows past ``linearLimit`` quads moves into a hash set, so that a node with
/// very many values stays linear.
struct QuadCollector {
    /// The quads of one subject: every quad added with a group has that group's subject.
    struct Group {
        fileprivate let number: Int
    }

    /// The quads collected, without duplicates, in the order first added.
    private(set) var quads: [RDFQuad] = []
    /// For each quad, the index of the previous quad of its group, or -1.
    private var previousInGroup: [Int] = []
    /// For each group: its last quad (-1 when none), its number of quads and whether they are in ``hashed``.
    private var groups: [(last: Int, count: Int, isHashed: Bool)] = []
    private var groupOfIRI: [String: Int] = [:]
    /// The group of each blank node, by the number in its label (-1: none yet).
    private var groupOfBlankNode: [Int] = []
    /// The quads of every group past ``linearLimit``.
    private var hashed: Set<RDFQuad> = []

    /// The most quads of a group compared one by one before the group is moved into a hash set.
    static let linearLimit = 24

    init() {
        quads.reserveCapacity(64)
        previousInGroup.reserveCapacity(64)
    }

    /// The group of the subject IRI `iri`.
    mutating func group(ofIRI iri: String) -> Group {
        if let number = groupOfIRI[iri] { return Group(number: number) }
        let group = newGroup()
        groupOfIRI[iri] = group.number
        return group
    }

    /// The group of the blank node numbered `number` (labelled `b<number>`).
    mutating func group(ofBlankNode number: Int) -> Group {
        if number < groupOfBlankNode.count, groupOfBlankNode[number] >= 0 { return Group(number: groupOfBlankNode[number]) }
        if number >= groupOfBlankNode.count {
            groupOfBlankNode.append(contentsOf: repeatElement(-1, count: number + 1 - groupOfBlankNode.count))
        }
        let group = newGroup()
        groupOfBlankNode[number] = group.number
        return group
    }

    private mutating func newGroup() -> Group {
        groups.append((last: -1, count: 0, isHashed: false))
        return Group(number: groups.count - 1)
    }

    /// Adds `quad`, whose subject is the subject of `group`, unless an equal quad is there already.
    /// - Returns: true when the quad was added.
    mutating func add(_ quad: consuming RDFQuad, in group: Group) -> Bool {
        var entry = groups[group.number]
        if entry.isHashed {
            guard hashed.insert(copy quad).inserted else { return false }
        } else {
            // Through a buffer pointer, the earlier quads are compared in place; an array subscript here copied each
            // one (retaining and releasing all its strings).
            let known = quads.withUnsafeBufferPointer { stored in
                var index = entry.last
                while index >= 0 {
                    if Self.sameAfterSubject(stored[index], quad) { return true }
                    index = previousInGroup[index]
                }
                return false
            }
            if known { return false }
            if entry.count >= Self.linearLimit {
                var index = entry.last
                while index >= 0 {
                    hashed.insert(quads[index])
                    index = previousInGroup[index]
                }
                hashed.insert(copy quad)
                entry.isHashed = true
            }
        }
        previousInGroup.append(entry.last)
        entry.last = quads.count
        entry.count += 1
        groups[group.number] = entry
        quads.append(quad)
        return true
    }

    /// Adds a quad that cannot equal any other (its subject is a list node made for it), without comparing.
    mutating func addUnique(_ quad: consuming RDFQuad) {
        previousInGroup.append(-1)
        quads.append(quad)
    }

    /// Quad equality for two quads known to have the same subject.
    @inline(__always)
    private static func sameAfterSubject(_ left: borrowing RDFQuad, _ right: borrowing RDFQuad) -> Bool {
        left.predicate == right.predicate && left.object == right.object && left.graph == right.graph
    }
}
