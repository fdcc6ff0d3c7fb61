/// Baked badge images: Open Badges and CLR payloads embedded in PNG and SVG files (Open Badges 2.0 Baking
/// Specification; Open Badges 3.0 section 5.3 "Baked Badge"; CLR 2.0 likewise).
///
/// Pure: bytes in, values out; nothing is fetched, no XML library is used (so no entity is ever expanded), and
/// every size is bounded by ``UnbakeLimits``.
public enum BakedBadge {
    /// The payload baked into the PNG or SVG `bytes`.
    ///
    /// PNG: the first `iTXt`, `tEXt` or `zTXt` chunk with keyword `openbadges` (or the nonstandard `openbadge`),
    /// `openbadgecredential` or `clrcredential`. SVG: the first `<assertion>` in namespace `http://openbadges.org`
    /// or `<credential>` in `https://purl.imsglobal.org/ob/v3p0` or `https://purl.imsglobal.org/clr/v2p0`, under
    /// any prefix; its `verify` attribute wins over its body (see ``UnbakedPayload/embeddedCopy``). The payload is
    /// classified as a URL, a JSON object or a compact JWS. A second payload, a damaged non-payload chunk, a
    /// compressed payload and damage after the payload are ``UnbakedPayload/warnings``, not errors.
    ///
    /// - Throws: an ``UnbakeError`` whose code says why: ``UnbakeError/Code/notAnImage``,
    ///   ``UnbakeError/Code/noPayload`` (an unbaked image), ``UnbakeError/Code/tooLarge``, and the codes of
    ///   broken, hostile or unclassifiable input.
    /// - Complexity: O(n) in the image size: PNG chunks are walked without copying their data (CRC-32 is computed
    ///   over each), an SVG is scanned once.
    public static func unbake(_ bytes: [UInt8], limits: UnbakeLimits = .default) throws(UnbakeError) -> UnbakedPayload {
        guard bytes.count <= limits.maxImageBytes else {
            throw UnbakeError(
                code: .tooLarge, reason: "the image is \(bytes.count) bytes, over the \(limits.maxImageBytes)-byte limit for badge images")
        }
        if PNGChunkReader.hasSignature(bytes) { return try PNGUnbaker.unbake(bytes, limits: limits) }
        switch sniff(bytes) {
        case .svg:
            return try SVGUnbaker.unbake(bytes, limits: limits)
        case .json, .jws:
            throw UnbakeError(
                code: .notAnImage,
                reason: "this is a credential document (JSON or a compact JWS), not an image: read it as a credential, not as a baked badge")
        case .png, .unknown:
            throw UnbakeError(code: .notAnImage, reason: "the bytes are neither a PNG (no PNG signature) nor an SVG (no <svg> root element)")
        }
    }
}
