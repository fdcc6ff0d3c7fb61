import CZlib

/// PNG datastreams built chunk by chunk in the tests, including the kinds no public sample has (compressed
/// `iTXt`, `zTXt`, odd keywords) and deliberately broken ones.
enum PNGFixture {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// One chunk: length, type, data, CRC-32 (wrong on purpose when `corruptCRC`).
    static func chunk(_ type: String, _ data: [UInt8], corruptCRC: Bool = false) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let crc = UInt32(truncatingIfNeeded: (typeBytes + data).withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) })
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(corruptCRC ? ~crc : crc)
    }

    /// `IHDR` of a 1 x 1, 8-bit greyscale image.
    static let header = chunk("IHDR", bigEndian(1) + bigEndian(1) + [8, 0, 0, 0, 0])
    /// `IDAT` of that image: one scanline, filter 0, one black pixel.
    static let pixels = chunk("IDAT", compress([0, 0]))
    static let end = chunk("IEND", [])

    /// A complete PNG: signature, IHDR, the `middle` chunks, IDAT, IEND.
    static func png(_ middle: [[UInt8]] = []) -> [UInt8] {
        signature + header + middle.joined() + pixels + end
    }

    /// An uncompressed or zlib-compressed `iTXt` chunk.
    static func iTXt(_ keyword: String, _ text: String, compressed: Bool = false, corruptCRC: Bool = false) -> [UInt8] {
        let body = compressed ? compress(Array(text.utf8)) : Array(text.utf8)
        return chunk("iTXt", Array(keyword.utf8) + [0, compressed ? 1 : 0, 0] + Array("en".utf8) + [0] + [0] + body, corruptCRC: corruptCRC)
    }

    /// A `tEXt` chunk (the text given as Latin-1 bytes).
    static func tEXt(_ keyword: String, _ latin1: [UInt8]) -> [UInt8] {
        chunk("tEXt", Array(keyword.utf8) + [0] + latin1)
    }

    /// A `zTXt` chunk (zlib, method 0).
    static func zTXt(_ keyword: String, _ latin1: [UInt8]) -> [UInt8] {
        chunk("zTXt", Array(keyword.utf8) + [0, 0] + compress(latin1))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }

    /// A zlib stream (RFC 1950) of `bytes`.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(compressBound(UInt(bytes.count))))
        var length = UInt(output.count)
        let status = bytes.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                compress2(target.baseAddress, &length, source.baseAddress, UInt(source.count), 9)
            }
        }
        precondition(status == Z_OK, "compress2 failed")
        return Array(output[0..<Int(length)])
    }

    /// A zlib stream of `count` zero bytes, made in 1 MiB steps so the test never holds the inflated size:
    /// a zlib bomb (about 1000:1).
    static func zeros(count: Int) -> [UInt8] {
        var stream = z_stream()
        precondition(deflateInit_(&stream, 9, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        let block = [UInt8](repeating: 0, count: 1 << 20)
        var window = [UInt8](repeating: 0, count: 1 << 16)
        var output: [UInt8] = []
        var left = count
        repeat {
            let take = min(left, block.count)
            left -= take
            let flush = left == 0 ? Z_FINISH : Z_NO_FLUSH
            block.withUnsafeBufferPointer { source in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(take)
                repeat {
                    window.withUnsafeMutableBufferPointer { target in
                        stream.next_out = target.baseAddress
                        stream.avail_out = UInt32(target.count)
                        _ = deflate(&stream, flush)
                        output.append(contentsOf: target[0..<(target.count - Int(stream.avail_out))])
                    }
                } while stream.avail_out == 0
            }
        } while left > 0
        return output
    }
}
