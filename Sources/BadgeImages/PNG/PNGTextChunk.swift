/// The keyword and text of the PNG text chunks (PNG section 11.3.4): `tEXt` (Latin-1), `zTXt` (zlib-compressed
/// Latin-1) and `iTXt` (UTF-8, optionally zlib-compressed).
enum PNGTextChunk {
    /// The keyword: the bytes before the first NUL, or nil when no NUL ends a 1-79 byte keyword (PNG section
    /// 11.3.4.2), in which case the chunk cannot be a payload chunk.
    static func keyword(of chunk: PNGChunk, in bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let data = bytes[chunk.data]
        guard let nul = data.prefix(80).firstIndex(of: 0), nul > data.startIndex else { return nil }
        return data[data.startIndex..<nul]
    }

    /// The text of a payload chunk, decoded, and whether it was compressed.
    ///
    /// - Throws: ``UnbakeError/Code/tooLarge`` for text over `limits.maxPayloadBytes`,
    ///   ``UnbakeError/Code/decompressionBomb`` when compressed text inflates past it,
    ///   ``UnbakeError/Code/unreadablePayload`` for a missing field, an unknown compression flag or method, a
    ///   corrupt zlib stream, or `iTXt` text that is not UTF-8.
    static func text(of chunk: PNGChunk, keyword: ArraySlice<UInt8>, in bytes: [UInt8], limits: UnbakeLimits) throws(UnbakeError)
        -> (text: String, compressed: Bool)
    {
        let location = "byte \(chunk.offset)"
        let fields = bytes[(keyword.endIndex + 1)..<chunk.data.upperBound]
        switch chunk.type {
        case PNGChunk.tEXt:
            try checkSize(fields.count, chunk: chunk, location: location, limits: limits)
            return (latin1(fields), false)
        case PNGChunk.zTXt:
            guard let method = fields.first else {
                throw UnbakeError(code: .unreadablePayload, reason: "the \(chunk.label) ends before its compression method", location: location)
            }
            let inflated = try inflate(fields.dropFirst(), method: method, chunk: chunk, location: location, limits: limits)
            return (latin1(inflated[...]), true)
        default:
            return try internationalText(fields, chunk: chunk, location: location, limits: limits)
        }
    }

    /// iTXt after the keyword: compression flag, compression method, language tag NUL, translated keyword NUL, text.
    private static func internationalText(_ fields: ArraySlice<UInt8>, chunk: PNGChunk, location: String, limits: UnbakeLimits) throws(UnbakeError)
        -> (text: String, compressed: Bool)
    {
        guard fields.count >= 2 else {
            throw UnbakeError(code: .unreadablePayload, reason: "the \(chunk.label) ends before its compression flag and method", location: location)
        }
        let flag = fields[fields.startIndex]
        let method = fields[fields.startIndex + 1]
        let afterFlags = fields.dropFirst(2)
        guard let languageEnd = afterFlags.firstIndex(of: 0),
            let translatedEnd = afterFlags[(languageEnd + 1)...].firstIndex(of: 0)
        else {
            throw UnbakeError(
                code: .unreadablePayload, reason: "the \(chunk.label) lacks the NUL after its language tag or translated keyword", location: location)
        }
        let raw = afterFlags[(translatedEnd + 1)...]
        let textBytes: ArraySlice<UInt8>
        switch flag {
        case 0:
            try checkSize(raw.count, chunk: chunk, location: location, limits: limits)
            textBytes = raw
        case 1:
            textBytes = try inflate(raw, method: method, chunk: chunk, location: location, limits: limits)[...]
        default:
            throw UnbakeError(
                code: .unreadablePayload, reason: "the \(chunk.label) has compression flag \(flag); PNG defines only 0 and 1", location: location)
        }
        guard let text = String(validating: textBytes, as: UTF8.self) else {
            throw UnbakeError(
                code: .unreadablePayload, reason: "the \(chunk.label) text is not valid UTF-8 (PNG section 11.3.4.5)", location: location)
        }
        return (text, flag == 1)
    }

    private static func inflate(_ data: ArraySlice<UInt8>, method: UInt8, chunk: PNGChunk, location: String, limits: UnbakeLimits) throws(UnbakeError)
        -> [UInt8]
    {
        guard method == 0 else {
            throw UnbakeError(
                code: .unreadablePayload, reason: "the \(chunk.label) uses compression method \(method); PNG defines only 0 (zlib)",
                location: location)
        }
        switch ZlibInflater.inflate(data, limit: limits.maxPayloadBytes) {
        case .inflated(let bytes):
            return bytes
        case .tooLarge:
            throw UnbakeError(
                code: .decompressionBomb,
                reason:
                    "the \(chunk.label) inflates to more than \(limits.maxPayloadBytes) bytes (\(data.count) compressed); refused as a zlib bomb",
                location: location)
        case .corrupt(let why):
            throw UnbakeError(code: .unreadablePayload, reason: "the \(chunk.label) compressed text cannot be inflated: \(why)", location: location)
        }
    }

    private static func checkSize(_ count: Int, chunk: PNGChunk, location: String, limits: UnbakeLimits) throws(UnbakeError) {
        guard count <= limits.maxPayloadBytes else {
            throw UnbakeError(
                code: .tooLarge, reason: "the \(chunk.label) text is \(count) bytes, over the \(limits.maxPayloadBytes)-byte payload limit",
                location: location)
        }
    }

    /// ISO 8859-1 bytes as a String: each byte is the code point of the same value.
    private static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var text = String()
        text.unicodeScalars.append(contentsOf: bytes.lazy.map { Unicode.Scalar($0) })
        return text
    }
}
