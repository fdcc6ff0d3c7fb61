/// One chunk of a PNG datastream (PNG section 5.3: length, type, data, CRC), as positions in the image bytes.
struct PNGChunk {
    /// 0-based position among the chunks (0 is `IHDR` in a valid image).
    let index: Int
    /// Byte offset of the chunk's length field.
    let offset: Int
    /// The four type bytes, big-endian in one integer, for cheap comparison.
    let type: UInt32
    /// Where the data lies in the image bytes.
    let data: Range<Int>
    /// Whether the stored CRC-32 matches the type and data.
    let crcMatches: Bool

    static let iTXt = fourCC("iTXt")
    static let tEXt = fourCC("tEXt")
    static let zTXt = fourCC("zTXt")
    static let IEND = fourCC("IEND")

    /// The type as text (`iTXt`); type bytes are checked to be ASCII letters before a chunk is made.
    var typeName: String {
        String(decoding: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: type >> $0) }, as: UTF8.self)
    }

    /// True for the three text chunk types a payload may be baked in.
    var isText: Bool { type == Self.iTXt || type == Self.tEXt || type == Self.zTXt }

    /// `iTXt chunk 4 at byte 1234`, for messages.
    var label: String { "\(typeName) chunk \(index) at byte \(offset)" }

    static func fourCC(_ name: StaticString) -> UInt32 {
        name.withUTF8Buffer { $0.reduce(0) { ($0 << 8) | UInt32($1) } }
    }
}
