/// Takes the payload out of a baked PNG (Open Badges 2.0 Baking "Extracting"; Open Badges 3.0 section 5.3.1.2):
/// the first `iTXt`, `tEXt` or `zTXt` chunk whose keyword is `openbadges` (or `openbadge`),
/// `openbadgecredential` or `clrcredential`.
///
/// The whole datastream is still walked to `IEND`, so that a second payload chunk and damaged chunks can be
/// reported. CRC policy: a wrong CRC in the payload chunk is fatal (``UnbakeError/Code/crcMismatch``: its
/// bytes cannot be trusted); a wrong CRC in any other chunk is a warning, since endorse never uses those bytes
/// (PNG section 13.1 lets decoders recover from errors in chunks they do not need). Damage after a payload was
/// read (truncation, a broken chunk header, too many chunks) is a warning too: the specifications say "the rest
/// of the stream can be safely discarded".
enum PNGUnbaker {
    /// The payload of the PNG `bytes` (which start with the PNG signature).
    static func unbake(_ bytes: [UInt8], limits: UnbakeLimits) throws(UnbakeError) -> UnbakedPayload {
        var reader = PNGChunkReader(bytes: bytes)
        var found: UnbakedPayload?
        var firstLabel = ""
        var warnings: [UnbakeWarning] = []
        do throws(UnbakeError) {
            while let chunk = try reader.next() {
                guard chunk.index < limits.maxChunks else {
                    throw UnbakeError(
                        code: .tooManyChunks, reason: "the PNG has more than \(limits.maxChunks) chunks; refused as hostile or broken",
                        location: "byte \(chunk.offset)")
                }
                let keyword = chunk.isText ? PNGTextChunk.keyword(of: chunk, in: bytes) : nil
                guard let keyword, let match = BakedStandard.matching(keyword: keyword) else {
                    if !chunk.crcMatches {
                        warnings.append(
                            UnbakeWarning(
                                code: .crcMismatchIgnored, message: "the \(chunk.label) has a wrong CRC-32; it is not the payload and was skipped"))
                    }
                    continue
                }
                let label = "\(chunk.typeName) \"\(latin1(keyword))\" (chunk \(chunk.index), byte \(chunk.offset))"
                if found != nil {
                    let damaged = chunk.crcMatches ? "" : ", which also has a wrong CRC-32"
                    warnings.append(
                        UnbakeWarning(
                            code: .secondPayload,
                            message:
                                "a second payload chunk, \(label)\(damaged), follows \(firstLabel); the baking specifications allow one, the first was used"
                        ))
                    continue
                }
                guard chunk.crcMatches else {
                    throw UnbakeError(
                        code: .crcMismatch,
                        reason:
                            "the payload chunk \(label) has a wrong CRC-32: its bytes were damaged, so the payload cannot be trusted; fetch the image again",
                        location: "byte \(chunk.offset)")
                }
                found = try payload(of: chunk, keyword: keyword, standard: match.standard, in: bytes, limits: limits, warnings: &warnings)
                if match.nonstandard {
                    warnings.append(
                        UnbakeWarning(
                            code: .nonstandardKeyword,
                            message: "the keyword is \"openbadge\"; the specifications name it \"openbadges\" (read anyway)"))
                }
                firstLabel = label
            }
        } catch {
            guard found != nil, error.code == .malformedPNG || error.code == .tooManyChunks else { throw error }
            warnings.append(UnbakeWarning(code: .damagedAfterPayload, message: "after the payload: \(error.reason) (\(error.location))"))
        }
        guard var result = found else {
            throw UnbakeError(
                code: .noPayload,
                reason:
                    "no iTXt, tEXt or zTXt chunk has the keyword openbadges, openbadgecredential or clrcredential: the image is not a baked badge",
                location: "image")
        }
        result.warnings = warnings
        return result
    }

    private static func payload(
        of chunk: PNGChunk, keyword: ArraySlice<UInt8>, standard: BakedStandard, in bytes: [UInt8], limits: UnbakeLimits,
        warnings: inout [UnbakeWarning]
    ) throws(UnbakeError) -> UnbakedPayload {
        let (text, compressed) = try PNGTextChunk.text(of: chunk, keyword: keyword, in: bytes, limits: limits)
        if compressed {
            warnings.append(
                UnbakeWarning(
                    code: .compressedPayload, message: "the \(chunk.label) is compressed; the baking specifications say compression MUST NOT be used")
            )
        }
        let kind = try PayloadClassifier.classify(text, location: "byte \(chunk.offset)")
        let source = PayloadSource.pngChunk(type: chunk.typeName, keyword: latin1(keyword), index: chunk.index, offset: chunk.offset)
        return UnbakedPayload(imageFormat: .png, standard: standard, source: source, kind: kind)
    }

    private static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        var text = String()
        text.unicodeScalars.append(contentsOf: bytes.lazy.map { Unicode.Scalar($0) })
        return text
    }
}
