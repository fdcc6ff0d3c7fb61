import CZlib

/// The CRC-32 of PNG section 5.5 (ISO 3309 / ITU-T V.42 polynomial), computed by zlib's `crc32`, which is the
/// same checksum and much faster than a table loop in Swift.
enum CRC32 {
    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
            // A chunk is at most 2^31 - 1 bytes (PNG section 5.3), so one call with a 32-bit length suffices.
            return UInt32(truncatingIfNeeded: crc32(0, base, UInt32(buffer.count)))
        }
    }
}
