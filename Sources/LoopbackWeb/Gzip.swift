/// Tiny gzip (RFC 1952) encoders for scripted responses; no compression library needed.
public enum Gzip {
    /// `bytes` as a gzip stream of stored (uncompressed) deflate blocks (RFC 1951 section 3.2.4).
    public static func stored(_ bytes: [UInt8]) -> [UInt8] {
        var out = header
        var offset = 0
        repeat {
            let count = min(65_535, bytes.count - offset)
            let isLast = offset + count == bytes.count
            out.append(isLast ? 1 : 0)
            out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += bytes[offset..<offset + count]
            offset += count
        } while offset < bytes.count
        out += trailer(crc: CRC32.checksum(bytes), size: bytes.count)
        return out
    }

    /// `count` copies of `byte` as a small gzip stream (fixed-Huffman back-references of 258 bytes): a
    /// decompression bomb, about 160 times smaller than its decoded size.
    public static func repeating(_ byte: UInt8, count: Int) -> [UInt8] {
        precondition(count >= 1)
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE = fixed Huffman
        bits.writeLiteral(byte)
        var remaining = count - 1
        while remaining >= 258 {
            bits.writeHuffman(0xC5, length: 8)  // length code 285 = 258 bytes
            bits.writeHuffman(0, length: 5)  // distance code 0 = 1 byte back
            remaining -= 258
        }
        for _ in 0..<remaining { bits.writeLiteral(byte) }
        bits.writeHuffman(0, length: 7)  // end of block (256)
        var crc = CRC32()
        let block = [UInt8](repeating: byte, count: 4096)
        var left = count
        while left > 0 {
            let n = min(left, block.count)
            crc.update(block[0..<n])
            left -= n
        }
        return header + bits.finished + trailer(crc: crc.value, size: count)
    }

    private static let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]

    private static func trailer(crc: UInt32, size: Int) -> [UInt8] {
        let isize = UInt32(truncatingIfNeeded: size)
        return (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) } + (0..<4).map { UInt8(truncatingIfNeeded: isize >> (8 * $0)) }
    }
}

/// Deflate's bit order: values least-significant bit first, Huffman codes most-significant bit first.
private struct BitWriter {
    var bytes: [UInt8] = []
    private var current: UInt32 = 0
    private var used = 0

    mutating func write(_ value: UInt32, count: Int) {
        for i in 0..<count {
            current |= ((value >> i) & 1) << used
            used += 1
            if used == 8 { flush() }
        }
    }

    mutating func writeHuffman(_ code: UInt32, length: Int) {
        var reversed: UInt32 = 0
        for i in 0..<length { reversed |= ((code >> i) & 1) << (length - 1 - i) }
        write(reversed, count: length)
    }

    mutating func writeLiteral(_ byte: UInt8) {
        if byte < 144 { writeHuffman(0x30 + UInt32(byte), length: 8) } else { writeHuffman(0x190 + UInt32(byte) - 144, length: 9) }
    }

    /// The bytes written so far, the last one zero-padded.
    var finished: [UInt8] { used > 0 ? bytes + [UInt8(current)] : bytes }

    private mutating func flush() {
        bytes.append(UInt8(current))
        current = 0
        used = 0
    }
}

/// CRC-32 (ISO 3309, as gzip uses it).
struct CRC32 {
    private(set) var value: UInt32 = 0

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    mutating func update(_ bytes: some Collection<UInt8>) {
        var c = ~value
        for byte in bytes { c = Self.table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        value = ~c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
