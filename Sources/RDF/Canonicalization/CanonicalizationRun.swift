import Crypto

/// One execution of the RDFC-1.0 canonicalization algorithm (section 4.4.3, steps 1–5) over an encoded dataset: the
/// canonicalization state of section 4.4.2 plus the work counters that enforce ``RDFCanonicalizer/Limits``.
///
/// Generic over the hash function so that SHA-256 and SHA-384 each get a specialised copy of the hot loops.
struct CanonicalizationRun<Hash: HashFunction> {
    let data: EncodedDataset
    let limits: RDFCanonicalizer.Limits
    private let maxCalls: Int

    /// The canonical issuer's counter value for each blank node, -1 until issued (section 4.4.2 "canonical issuer").
    private(set) var canonical: [Int]
    private var canonicalIssued = 0
    /// Hash First Degree Quads of each blank node (computed once in step 3, then read by Hash Related Blank Node).
    private var firstDegreeHashes: [[UInt8]] = []
    /// Hash N-Degree Quads calls so far.
    private(set) var hashNDegreeCalls = 0
    /// Permutations of related blank node lists with two or more entries so far.
    private(set) var permutations = 0
    private var lineBuffer = LineBuffer()
    private var scratch: [UInt8] = []

    init(data: EncodedDataset, limits: RDFCanonicalizer.Limits) {
        self.data = data
        self.limits = limits
        self.maxCalls = limits.maxHashNDegreeCalls(blankNodes: data.blankNodeCount)
        self.canonical = Array(repeating: -1, count: data.blankNodeCount)
    }

    /// Issues a canonical identifier to every blank node (steps 3–5).
    mutating func run() throws(CanonicalizationError) {
        let count = data.blankNodeCount
        guard count > 1 else {
            // One blank node gets c14n0 whatever its hash, so hashing it is wasted work.
            if count == 1 { issueCanonical(0) }
            return
        }
        // Step 3: first-degree hashes, then the hash to blank nodes map as runs of nodes ordered by hash.
        firstDegreeHashes.reserveCapacity(count)
        for node in 0..<count { firstDegreeHashes.append(hashFirstDegreeQuads(node)) }
        let byHash = (0..<count).sorted { left, right in
            let order = compareBytes(firstDegreeHashes[left], firstDegreeHashes[right])
            return order != 0 ? order < 0 : left < right
        }
        var sharedHashGroups: [ArraySlice<Int>] = []
        var groupStart = 0
        while groupStart < count {
            var groupEnd = groupStart + 1
            while groupEnd < count, firstDegreeHashes[byHash[groupEnd]] == firstDegreeHashes[byHash[groupStart]] { groupEnd += 1 }
            // Step 4: a hash only one blank node has names that node.
            if groupEnd - groupStart == 1 {
                issueCanonical(byHash[groupStart])
            } else {
                sharedHashGroups.append(byHash[groupStart..<groupEnd])
            }
            groupStart = groupEnd
        }
        // Step 5: blank nodes that share a first-degree hash, told apart by Hash N-Degree Quads.
        for group in sharedHashGroups {
            var results: [(hash: [UInt8], issuer: IdentifierIssuer)] = []
            for node in group where canonical[node] < 0 {
                var issuer = IdentifierIssuer()
                issuer.issue(node)
                results.append(try hashNDegreeQuads(node, issuer: issuer, depth: 1))
            }
            let ordered = results.indices.sorted { left, right in
                let order = compareBytes(results[left].hash, results[right].hash)
                return order != 0 ? order < 0 : left < right
            }
            for index in ordered {
                for node in results[index].issuer.issuedOrder { issueCanonical(node) }
            }
        }
    }

    private mutating func issueCanonical(_ node: Int) {
        guard canonical[node] < 0 else { return }
        canonical[node] = canonicalIssued
        canonicalIssued += 1
    }

    // MARK: - Hash First Degree Quads (section 4.6)

    /// The hash of the sorted quads mentioning `node`, `node` written `_:a` and every other blank node `_:z`.
    private mutating func hashFirstDegreeQuads(_ node: Int) -> [UInt8] {
        lineBuffer.removeAll()
        for quadIndex in data.quadsOfNode[node] {
            let start = lineBuffer.bytes.count
            data.appendLine(data.quads[quadIndex], to: &lineBuffer.bytes, labels: .firstDegree(reference: node))
            lineBuffer.endLine(from: start, tag: quadIndex)
        }
        lineBuffer.sort()
        var hash = Hash()
        lineBuffer.forEachLine { hash.update(bufferPointer: $0) }
        return hash.finalizeHex()
    }

    // MARK: - Hash Related Blank Node (section 4.7)

    /// The hash of `position` (`s`, `o` or `g`), the predicate unless `position` is `g`, and the best identifier
    /// known for `related`: canonical, else issued by `issuer`, else its first-degree hash.
    private mutating func hashRelatedBlankNode(_ related: Int, in quad: EncodedDataset.Quad, issuer: IdentifierIssuer, position: UInt8)
        -> [UInt8]
    {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(position)
        if position != UInt8(ascii: "g") { scratch.append(contentsOf: data.bytes(of: quad.predicate)) }
        if canonical[related] >= 0 {
            scratch.append(contentsOf: CanonicalPrefix.canonical)
            NQuads.appendDecimal(canonical[related], to: &scratch)
        } else if let temporary = issuer.identifier(for: related) {
            scratch.append(contentsOf: CanonicalPrefix.temporary)
            NQuads.appendDecimal(temporary, to: &scratch)
        } else {
            scratch.append(contentsOf: firstDegreeHashes[related])
        }
        var hash = Hash()
        hash.update(scratch)
        return hash.finalizeHex()
    }

    // MARK: - Hash N-Degree Quads (section 4.8)

    /// The n-degree hash of `node` and the issuer that chose it (section 4.8.3).
    /// - Throws: ``CanonicalizationError/Code/workLimitExceeded`` when a bound of ``limits`` is passed.
    private mutating func hashNDegreeQuads(_ node: Int, issuer: IdentifierIssuer, depth: Int) throws(CanonicalizationError)
        -> (hash: [UInt8], issuer: IdentifierIssuer)
    {
        hashNDegreeCalls += 1
        if hashNDegreeCalls > maxCalls {
            throw workLimit("more than \(maxCalls) Hash N-Degree Quads calls for \(data.blankNodeCount) blank nodes")
        }
        if depth > limits.maxRecursionDepth {
            throw workLimit("Hash N-Degree Quads nested more than \(limits.maxRecursionDepth) deep")
        }
        // Steps 1–3: the hash to related blank nodes map, as (hash, encounter order, node) sorted by hash.
        var related: [(hash: [UInt8], order: Int, node: Int)] = []
        for quadIndex in data.quadsOfNode[node] {
            let quad = data.quads[quadIndex]
            addRelated(quad.subject, position: UInt8(ascii: "s"), of: node, in: quad, issuer: issuer, to: &related)
            addRelated(quad.object, position: UInt8(ascii: "o"), of: node, in: quad, issuer: issuer, to: &related)
            addRelated(quad.graph, position: UInt8(ascii: "g"), of: node, in: quad, issuer: issuer, to: &related)
        }
        related.sort { left, right in
            let order = compareBytes(left.hash, right.hash)
            return order != 0 ? order < 0 : left.order < right.order
        }
        // Steps 4–5.
        var dataToHash = Hash()
        var issuer = issuer
        var groupStart = 0
        while groupStart < related.count {
            var groupEnd = groupStart + 1
            while groupEnd < related.count, related[groupEnd].hash == related[groupStart].hash { groupEnd += 1 }
            dataToHash.update(related[groupStart].hash)
            let list = related[groupStart..<groupEnd].map(\.node)
            let chosen = try choosePath(through: list, issuer: issuer, depth: depth)
            dataToHash.update(chosen.path)
            issuer = chosen.issuer
            groupStart = groupEnd
        }
        return (dataToHash.finalizeHex(), issuer)
    }

    /// Step 3.1: a blank node other than `node` in `slot` joins the related list under its related hash.
    @inline(__always)
    private mutating func addRelated(
        _ slot: EncodedDataset.Slot, position: UInt8, of node: Int, in quad: EncodedDataset.Quad, issuer: IdentifierIssuer,
        to related: inout [(hash: [UInt8], order: Int, node: Int)]
    ) {
        let other = slot.blankNumber
        guard other >= 0, other != node else { return }
        related.append((hashRelatedBlankNode(other, in: quad, issuer: issuer, position: position), related.count, other))
    }

    /// Step 5.4: the least path over all permutations of `list`, and the issuer that produced it.
    ///
    /// Permutations are walked depth first as distinct orderings (``PermutationWalk``): one issuer and one path are
    /// extended and taken back position by position, a prefix that cannot win is abandoned with all its orderings,
    /// and only a complete ordering copies the issuer, for the recursion of step 5.4.5. Each complete or abandoned
    /// ordering counts as one permutation against ``RDFCanonicalizer/Limits/maxPermutations``.
    private mutating func choosePath(through list: [Int], issuer start: IdentifierIssuer, depth: Int) throws(CanonicalizationError)
        -> (path: [UInt8], issuer: IdentifierIssuer)
    {
        var chosenPath: [UInt8] = []
        var chosenIssuer = start
        var walk = PermutationWalk(list)
        var issuer = start
        var path: [UInt8] = []
        var recursionList: [Int] = []
        // For each placed entry: the path length before it, and whether placing it issued an identifier.
        var undo: [(pathCount: Int, issued: Bool)] = []
        undo.reserveCapacity(list.count)
        var previous: Int? = nil
        while true {
            guard let entry = walk.candidate(after: previous) else {
                // This position is exhausted: back up one.
                guard !undo.isEmpty else { break }
                let step = undo.removeLast()
                path.removeSubrange(step.pathCount...)
                if step.issued {
                    issuer.unissueLast()
                    recursionList.removeLast()
                }
                previous = walk.takeBack()
                continue
            }
            // Step 5.4.4: name the node placed here, issuing a temporary identifier if it has none.
            let relatedNode = list[entry]
            let pathCount = path.count
            var issued = false
            if canonical[relatedNode] >= 0 {
                path.append(contentsOf: CanonicalPrefix.canonical)
                NQuads.appendDecimal(canonical[relatedNode], to: &path)
            } else {
                if issuer.identifier(for: relatedNode) == nil {
                    recursionList.append(relatedNode)
                    issued = true
                }
                path.append(contentsOf: CanonicalPrefix.temporary)
                NQuads.appendDecimal(issuer.issue(relatedNode), to: &path)
            }
            walk.place(entry)
            let abandoned = Self.cannotWin(path, against: chosenPath)
            if abandoned || walk.isComplete {
                if list.count > 1 {
                    permutations += 1
                    if permutations > limits.maxPermutations {
                        throw workLimit("more than \(limits.maxPermutations) permutations of look-alike blank nodes")
                    }
                }
                if !abandoned {
                    try finishPath(path, recursionList: recursionList, issuer: issuer, depth: depth, chosen: &chosenPath, chosenIssuer: &chosenIssuer)
                }
                // Take this entry back and try the next candidate at the same position.
                path.removeSubrange(pathCount...)
                if issued {
                    issuer.unissueLast()
                    recursionList.removeLast()
                }
                previous = walk.takeBack()
            } else {
                undo.append((pathCount, issued))
                previous = nil
            }
        }
        return (chosenPath, chosenIssuer)
    }

    /// Steps 5.4.5 and 5.4.6 for one complete ordering: recurse into the nodes it named first, appending their
    /// n-degree hashes to `prefix`, and make the result the chosen path if it is the least so far.
    private mutating func finishPath(
        _ prefix: [UInt8], recursionList: [Int], issuer: IdentifierIssuer, depth: Int, chosen chosenPath: inout [UInt8],
        chosenIssuer: inout IdentifierIssuer
    ) throws(CanonicalizationError) {
        var path = prefix
        var issuerCopy = issuer
        for relatedNode in recursionList {
            let result = try hashNDegreeQuads(relatedNode, issuer: issuerCopy, depth: depth + 1)
            path.append(contentsOf: CanonicalPrefix.temporary)
            NQuads.appendDecimal(issuerCopy.issue(relatedNode), to: &path)
            path.append(ASCII.lessThan)
            path.append(contentsOf: result.hash)
            path.append(ASCII.greaterThan)
            issuerCopy = result.issuer
            if Self.cannotWin(path, against: chosenPath) { return }
        }
        if chosenPath.isEmpty || compareBytes(path, chosenPath) < 0 {
            chosenPath = path
            chosenIssuer = issuerCopy
        }
    }

    /// Steps 5.4.4.3 and 5.4.5.5: a path at least as long as the chosen one and greater than it can no longer win.
    @inline(__always)
    private static func cannotWin(_ path: [UInt8], against chosenPath: [UInt8]) -> Bool {
        !chosenPath.isEmpty && path.count >= chosenPath.count && compareBytes(path, chosenPath) > 0
    }

    private func workLimit(_ what: String) -> CanonicalizationError {
        CanonicalizationError(
            code: .workLimitExceeded,
            reason: "\(what) (a poison graph, RDFC-1.0 section 4.4); raise RDFCanonicalizer.Limits only for data you trust")
    }
}
