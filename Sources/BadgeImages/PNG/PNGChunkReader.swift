/// Walks the chunks of a PNG datastream (PNG section 5) from the signature to `IEND`, checking each chunk's
/// bounds before touching its bytes and its CRC-32 as it goes. No chunk data is copied.
struct PNGChunkReader {
    /// The 8-byte PNG signature (PNG section 5.2).
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    let bytes: [UInt8]
    private(set) var position: Int
    private(set) var index = 0
    private(set) var sawEnd = false

    /// A reader after the signature; callers check ``hasSignature(_:)`` first.
    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.position = Self.signature.count
    }

    /// True when `bytes` begin with the PNG signature.
    static func hasSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= signature.count && bytes[0..<signature.count].elementsEqual(signature)
    }

    /// The next chunk, or nil after `IEND` (bytes after `IEND` are ignored, as PNG section 5.2 ends the datastream
    /// there).
    ///
    /// - Throws: ``UnbakeError/Code/malformedPNG`` when fewer than 12 bytes remain before `IEND` (truncated), a
    ///   length exceeds 2^31 - 1 (PNG section 5.3) or the bytes left, or a type byte is not an ASCII letter.
    mutating func next() throws(UnbakeError) -> PNGChunk? {
        guard !sawEnd else { return nil }
        let remaining = bytes.count - position
        guard remaining >= 12 else {
            let reason =
                remaining == 0
                ? "the PNG ends \(index == 0 ? "after its signature" : "after chunk \(index - 1)") without an IEND chunk: the file is truncated"
                : "the PNG ends inside chunk \(index)'s header (\(remaining) bytes left, 12 needed): the file is truncated"
            throw UnbakeError(code: .malformedPNG, reason: reason, location: "byte \(position)")
        }
        let length = readUInt32(at: position)
        let type = readUInt32(at: position + 4)
        let typeBytes = bytes[(position + 4)..<(position + 8)]
        guard typeBytes.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) else {
            throw UnbakeError(
                code: .malformedPNG, reason: "chunk \(index) has a type that is not four ASCII letters: the file is corrupt or not a PNG",
                location: "byte \(position)")
        }
        guard length <= 0x7FFF_FFFF else {
            throw UnbakeError(
                code: .malformedPNG, reason: "chunk \(index) claims \(length) bytes, more than PNG's limit of 2^31 - 1: the file is corrupt",
                location: "byte \(position)")
        }
        // Compared against what is left, never allocated: a 1 GB claim in a small file fails here.
        guard Int(length) <= remaining - 12 else {
            throw UnbakeError(
                code: .malformedPNG,
                reason: "chunk \(index) claims \(length) bytes of data but only \(remaining - 12) remain: the file is truncated or corrupt",
                location: "byte \(position)")
        }
        let dataStart = position + 8
        let dataEnd = dataStart + Int(length)
        let stored = readUInt32(at: dataEnd)
        let computed = CRC32.checksum(bytes[(position + 4)..<dataEnd])
        let chunk = PNGChunk(index: index, offset: position, type: type, data: dataStart..<dataEnd, crcMatches: stored == computed)
        position = dataEnd + 4
        index += 1
        if type == PNGChunk.IEND { sawEnd = true }
        return chunk
    }

    private func readUInt32(at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { ($0 << 8) | UInt32($1) }
    }
}
