/// A depth-first walk over the distinct orderings of a list whose entries may repeat (RDFC-1.0 section 4.8.3 step
/// 5.4, "for each permutation of blank node list"), one position at a time, so that orderings sharing a prefix share
/// the work of that prefix and a prefix that cannot win is abandoned with every ordering under it.
///
/// **Why distinct orderings.** The related blank node list holds a node once per quad it is reached through: a proof
/// node with six quads in a blank-node graph lists that graph six times. Every permutation of equal entries builds the
/// same path and the same issuer, so walking each of the 720 index permutations of such a list repeats one result 720
/// times (and a list of nine would pass the permutation limit). The walk visits each distinct ordering once.
///
/// **Order.** Orderings are met in the order that lexicographic enumeration of index permutations first meets each of
/// them: at every position the candidates are the entries whose earlier copies are all placed, tried in list order.
/// Where two orderings tie on their path the first one met is kept, so keeping the order of the full enumeration keeps
/// which issuer wins.
///
/// **Cost.** The unplaced entries are a doubly linked list in list order ("dancing links"): placing and un-placing
/// are O(1), and finding the next candidate skips only entries whose earlier copy is still unplaced.
struct PermutationWalk {
    /// The entries' positions in the list that are placed, in placement order (the current prefix).
    private(set) var placed: [Int] = []
    /// The number of entries.
    let count: Int
    /// For each entry, the position of the previous entry equal to it, or -1.
    private let earlierCopy: [Int]
    /// Links of the unplaced entries in list order; `count` is the sentinel before the first and after the last.
    private var following: [Int]
    private var preceding: [Int]
    private var isPlaced: [Bool]

    /// A walk over the orderings of `list`, with nothing placed.
    init(_ list: [Int]) {
        count = list.count
        var earlier = Array(repeating: -1, count: list.count)
        var lastSeen: [Int: Int] = [:]
        for (position, entry) in list.enumerated() {
            if let previous = lastSeen.updateValue(position, forKey: entry) { earlier[position] = previous }
        }
        earlierCopy = earlier
        let sentinel = list.count
        following = (0...sentinel).map { $0 == sentinel ? 0 : $0 + 1 }
        preceding = (0...sentinel).map { $0 == 0 ? sentinel : $0 - 1 }
        isPlaced = Array(repeating: false, count: list.count)
    }

    /// True when every entry is placed: the prefix is a whole ordering.
    var isComplete: Bool { placed.count == count }

    /// The next entry that may be placed at the current position after `previous` (an entry tried there and taken
    /// back; nil: the first candidate), or nil when no candidate is left at this position.
    func candidate(after previous: Int?) -> Int? {
        var entry = following[previous ?? count]
        while entry != count {
            let copy = earlierCopy[entry]
            if copy < 0 || isPlaced[copy] { return entry }
            entry = following[entry]
        }
        return nil
    }

    /// Places `entry` (a value ``candidate(after:)`` returned) at the current position.
    mutating func place(_ entry: Int) {
        following[preceding[entry]] = following[entry]
        preceding[following[entry]] = preceding[entry]
        isPlaced[entry] = true
        placed.append(entry)
    }

    /// Takes back the entry placed last and returns it.
    @discardableResult
    mutating func takeBack() -> Int {
        let entry = placed.removeLast()
        // Entries come back in the reverse order they left, so their old neighbours are still each other's.
        following[preceding[entry]] = entry
        preceding[following[entry]] = entry
        isPlaced[entry] = false
        return entry
    }
}
