/// Where in the image a payload was found.
public enum PayloadSource: Sendable, Hashable, CustomStringConvertible {
    /// Which part of an SVG badge element held the payload.
    public enum SVGPart: String, Sendable, Hashable {
        /// The `verify` attribute (a URL or a compact JWS).
        case verifyAttribute
        /// The element's text and CDATA content (a JSON object).
        case body
    }

    /// A PNG text chunk: its type (`iTXt`, `tEXt`, `zTXt`), its keyword as written, its 0-based position among
    /// the chunks (0 is `IHDR`) and the byte offset of its length field.
    case pngChunk(type: String, keyword: String, index: Int, offset: Int)
    /// An SVG element: its qualified name as written (`openbadges:assertion`, `ob:credential`), its namespace,
    /// the part that held the payload, and the 1-based line of its start tag.
    case svgElement(name: String, namespace: String, part: SVGPart, line: Int)

    /// `iTXt chunk "openbadges" (chunk 3, byte 1234)` or `<openbadges:assertion> verify attribute (line 6)`.
    public var description: String {
        switch self {
        case .pngChunk(let type, let keyword, let index, let offset):
            "\(type) chunk \"\(keyword)\" (chunk \(index), byte \(offset))"
        case .svgElement(let name, _, let part, let line):
            "<\(name)> \(part == .verifyAttribute ? "verify attribute" : "body") (line \(line))"
        }
    }
}
