/// Serialises PNG chunks (PNG section 5.3): length, type, data, CRC-32 of type and data.
enum PNGChunkWriter {
    /// Appends one chunk of `type` (four ASCII letters) holding `data` to `output`.
    static func append(type: StaticString, data: [UInt8], to output: inout [UInt8]) {
        let start = output.count
        let length = UInt32(data.count)
        output.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) })
        type.withUTF8Buffer { output.append(contentsOf: $0) }
        output.append(contentsOf: data)
        let crc = CRC32.checksum(output[(start + 4)...])
        output.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: crc >> $0) })
    }

    /// The data of an uncompressed `iTXt` chunk (PNG section 11.3.4.5): keyword NUL, compression flag 0,
    /// method 0, empty language tag NUL, empty translated keyword NUL, UTF-8 text, as the baking specifications
    /// require ("Compression MUST NOT be used").
    static func internationalTextData(keyword: [UInt8], text: String) -> [UInt8] {
        keyword + [0, 0, 0, 0, 0] + Array(text.utf8)
    }
}
