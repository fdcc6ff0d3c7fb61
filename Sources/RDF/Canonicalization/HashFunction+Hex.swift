import Crypto

// RDFC-1.0 hashes are compared and concatenated as lower-case hex text (section 4.2); lower-case hex sorts in the
// same order as the digest bytes, so comparing the hex bytes is the code point order the algorithm asks for.
extension HashFunction {
    /// Feeds `bytes`.
    @inline(__always)
    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update(bufferPointer: $0) } }

    /// The digest as lower-case hex bytes (64 for SHA-256, 96 for SHA-384).
    func finalizeHex() -> [UInt8] {
        var hex: [UInt8] = []
        hex.reserveCapacity(Self.Digest.byteCount * 2)
        for byte in finalize() {
            hex.append(lowerHexDigit(byte >> 4))
            hex.append(lowerHexDigit(byte & 0x0F))
        }
        return hex
    }
}

@inline(__always)
private func lowerHexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? 0x30 &+ nibble : 0x61 &+ (nibble &- 10)
}
