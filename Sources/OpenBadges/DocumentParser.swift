import Foundation

/// Turns one fetched body into a ``ParsedDocument``: the Open Badges objects it holds (top level and
/// embedded, flattened into profiles, badges, assertions and endorsements) and the links worth following.
///
/// Reads JSON / JSON-LD (an object, or an array such as Badgr's `/public/issuers/{id}/badges` listing),
/// compact JWS (a bare `header.payload.signature` body, or content type `application/jwt` /
/// `application/vc+jwt`; signatures are not checked) and HTML (embedded `application/ld+json` scripts
/// and links). Open Badges 0.5, 1.0, 1.1 (with the endorsement extension), 2.0 and 3.0 are understood.
///
/// The parser is a value with no shared state: call it from any task. Cost is linear in the body size,
/// with nesting bounded by ``ParserLimits/maxDepth`` (held on the heap, never the call stack).
public struct DocumentParser: Sendable {
    /// The limits applied to every body.
    public var limits: ParserLimits

    /// Creates a parser with the given limits.
    public init(limits: ParserLimits = .default) {
        self.limits = limits
    }

    /// Parses `body`, fetched from `url` with the response's `contentType` (nil when unknown).
    ///
    /// The format comes from the content type (`jwt` types; `html` types unless the body starts with `{` or
    /// `[`), else from the first non-space byte (`{` / `[` JSON, `<` HTML), else a body shaped like a compact JWS. Invalid JSON that a lenient
    /// pass can read (trailing commas, raw control characters in strings, a missing comma) is accepted and
    /// flagged in ``ParsedDocument/warnings``; unknown properties are ignored.
    ///
    /// - Throws: ``DocumentError`` with code `empty`, `tooLarge` (over ``ParserLimits/maxBytes``),
    ///   `notUTF8`, `malformedJSON`, `tooDeep`, `malformedJWT`, or `wrongType` (valid JSON that is not an
    ///   object or an array), and the JSON path where it happened. Never traps on any input.
    public func parse(_ body: [UInt8], url: IRI, contentType: String?) throws(DocumentError) -> ParsedDocument {
        guard body.count <= limits.maxBytes else {
            throw DocumentError(
                code: .tooLarge,
                reason: "the body has \(body.count) bytes, more than the limit of \(limits.maxBytes); it is not parsed")
        }
        guard let first = body.firstIndex(where: { !Self.isSpace($0) }) else {
            throw DocumentError(code: .empty, reason: "the body is empty; expected a JSON object, a JWT or an HTML page")
        }
        if body.count >= 2, (body[0] == 0xFE && body[1] == 0xFF) || (body[0] == 0xFF && body[1] == 0xFE) {
            throw DocumentError(code: .notUTF8, reason: "the body is UTF-16 (byte order mark); documents must be UTF-8", path: "byte 0")
        }
        switch Self.format(of: body, firstByte: body[first], contentType: contentType) {
        case .json:
            let output = try JSONReader.readTolerant(body, maxDepth: limits.maxDepth)
            return try document(from: output.value, url: url, format: .json, warnings: output.warnings)
        case .jwt:
            let token = String(decoding: body, as: UTF8.self)
            let jws = try CompactJWS(token: token, limits: limits, path: "$")
            return try document(from: jws.credential, url: url, format: .jwt, warnings: [], jwt: jws.token)
        case .html:
            return parseHTML(body, url: url)
        }
    }

    static func format(of body: [UInt8], firstByte: UInt8, contentType: String?) -> DocumentFormat {
        let type = contentType?.lowercased() ?? ""
        let looksLikeJSON = firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[")
        // Servers mislabel JSON as text/html often enough that a JSON-looking body wins over an HTML type.
        if type.contains("html") { return looksLikeJSON ? .json : .html }
        if type.contains("jwt") { return .jwt }
        if looksLikeJSON { return .json }
        if firstByte == UInt8(ascii: "<") { return .html }
        if body.count < 1 << 20, CompactJWS.looksLikeToken(body) { return .jwt }
        return .json
    }

    /// Interprets one parsed JSON value: an object (a single document, or a JSON-LD `@graph`) or an array
    /// (a listing).
    func document(
        from value: JSONValue, url: IRI, format: DocumentFormat, warnings: [ParseWarning], jwt: String? = nil
    ) throws(DocumentError) -> ParsedDocument {
        var builder = DocumentBuilder(url: url, limits: limits)
        builder.warnings = warnings
        var result = ParsedDocument(url: url, format: format)
        switch value {
        case .object:
            if let graph = value["@graph"]?.values, !graph.isEmpty {
                readListing(graph, path: "$['@graph']", builder: &builder, version: ObjectClassifier.version(of: value, inherited: nil))
            } else if let root = builder.visit(value, path: "$", hint: nil, inherited: nil, jwt: jwt) {
                result.rootKind = root.kind
                result.rootID = root.kind == .endorsement ? builder.endorsements.first { $0.key == root.key }?.id : root.key
                result.version = ObjectClassifier.version(of: value, inherited: nil)
                if let declared = result.rootID, declared.canonical != url.canonical {
                    builder.link(declared, .declaredID, source: declared)
                }
            } else {
                builder.warn("object.unrecognized", "the document is JSON but not an Open Badges object", "$")
            }
        case .array(let elements):
            readListing(elements, path: "$", builder: &builder, version: nil)
        default:
            throw DocumentError(code: .wrongType, reason: "the document is a JSON scalar; expected an object or an array")
        }
        result.profiles = builder.profiles
        result.badges = builder.badges
        result.assertions = builder.assertions
        result.endorsements = builder.endorsements
        result.links = builder.links
        result.warnings = builder.warnings
        return result
    }

    /// Each element of a listing array (Badgr's badge listing) or `@graph`, linked as `.badge` when it is
    /// a badge and `.listing` otherwise, with the listing document as source.
    private func readListing(_ elements: [JSONValue], path: String, builder: inout DocumentBuilder, version: OpenBadgesVersion?) {
        for (index, element) in elements.enumerated() {
            guard let visited = builder.visit(element, path: "\(path)[\(index)]", hint: nil, inherited: version) else { continue }
            builder.link(visited.key, visited.kind == .badge ? .badge : .listing, source: builder.url)
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}
