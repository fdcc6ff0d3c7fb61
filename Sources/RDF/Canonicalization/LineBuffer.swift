#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// N-Quads lines written back to back into one byte buffer, sortable in code point order without a String or an
/// array per line.
///
/// UTF-8 byte order is Unicode code point order, which is the order RDFC-1.0 sorts serialised quads and hashes in
/// (section 4.2, "code point order"); Swift's `String <` would compare by canonical equivalence instead.
struct LineBuffer {
    /// One line: its bytes are `bytes[start..<end]`; `tag` is the caller's (the quad index for the output).
    struct Line {
        var start: Int
        var end: Int
        var tag: Int
    }

    /// The lines' bytes.
    var bytes: [UInt8] = []
    /// The lines, in insertion order until ``sort()``.
    private(set) var lines: [Line] = []

    /// Forgets every line, keeping the storage.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// Records the bytes appended to ``bytes`` since `start` as one line.
    mutating func endLine(from start: Int, tag: Int) {
        lines.append(Line(start: start, end: bytes.count, tag: tag))
    }

    /// Sorts the lines in code point order.
    mutating func sort() {
        guard lines.count > 1 else { return }
        bytes.withUnsafeBufferPointer { buffer in
            lines.sort { Self.compare(buffer, $0, $1) < 0 }
        }
    }

    /// Removes lines equal to the line before them (after ``sort()``, every duplicate); returns the removed lines' tags.
    @discardableResult
    mutating func removeAdjacentDuplicates() -> [Int] {
        guard lines.count > 1 else { return [] }
        var removed: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            var kept = 1
            for index in 1..<lines.count {
                if Self.compare(buffer, lines[kept - 1], lines[index]) == 0 {
                    removed.append(lines[index].tag)
                } else {
                    lines[kept] = lines[index]
                    kept += 1
                }
            }
            lines.removeLast(lines.count - kept)
        }
        return removed
    }

    /// Calls `body` with the bytes of each line in order.
    func forEachLine(_ body: (UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { raw in
            for line in lines { body(UnsafeRawBufferPointer(rebasing: raw[line.start..<line.end])) }
        }
    }

    /// The lines concatenated, in order.
    func joined() -> [UInt8] {
        var total = 0
        for line in lines { total += line.end - line.start }
        var out: [UInt8] = []
        out.reserveCapacity(total)
        for line in lines { out.append(contentsOf: bytes[line.start..<line.end]) }
        return out
    }

    @inline(__always)
    private static func compare(_ buffer: UnsafeBufferPointer<UInt8>, _ left: Line, _ right: Line) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let leftCount = left.end - left.start
        let rightCount = right.end - right.start
        let order = memcmp(base + left.start, base + right.start, min(leftCount, rightCount))
        if order != 0 { return Int(order) }
        return leftCount - rightCount
    }
}

/// Code point order of two byte strings: negative, zero or positive.
@inline(__always)
func compareBytes(_ left: [UInt8], _ right: [UInt8]) -> Int {
    left.withUnsafeBytes { leftRaw in
        right.withUnsafeBytes { rightRaw in
            let shorter = min(leftRaw.count, rightRaw.count)
            if shorter > 0, let leftBase = leftRaw.baseAddress, let rightBase = rightRaw.baseAddress {
                let order = memcmp(leftBase, rightBase, shorter)
                if order != 0 { return Int(order) }
            }
            return leftRaw.count - rightRaw.count
        }
    }
}

/// True when two byte strings are equal.
@inline(__always)
func bytesEqual(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    guard left.count == right.count else { return false }
    guard let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }
    return memcmp(leftBase, rightBase, left.count) == 0
}
