/// One pass over an SVG document that finds its badge elements: `<assertion>` in `http://openbadges.org`,
/// `<credential>` in the Open Badges 3.0 or CLR 2.0 namespace, under whatever prefix the document binds (XML
/// Namespaces 1.0: the namespace name decides, not the prefix). It tracks namespace scopes, checks that tags
/// nest and match, and refuses entity declarations. The first badge element's `verify` attribute and body are
/// decoded; later ones are only located (for warnings, and for baking, which replaces them).
struct SVGDocumentScan {
    /// A badge element found in the document.
    struct BadgeElement {
        var standard: BakedStandard
        /// The qualified name as written (`openbadges:assertion`).
        var name: String
        var namespace: String
        var line: Int
        /// From `<` of the start tag to after `>` of the end tag (or of the empty-element tag).
        var range: Range<Int>
        /// True when inside another badge element.
        var nested: Bool
        var isChildOfRoot: Bool
        /// The prefix was `openbadges` with no namespace declared for it.
        var undeclaredPrefix: Bool
        /// The decoded `verify` attribute (first badge element only).
        var verify: [UInt8]?
        /// The decoded text and CDATA directly inside (first badge element only).
        var body: [UInt8] = []
        var hasChildElements = false
    }

    /// The root `<svg>` start tag, for baking.
    struct Root {
        var name: Range<Int>
        /// Where the start tag's `>` or `/>` begins.
        var close: Int
        var end: Int
        var selfClosing: Bool
        /// Namespace declarations on the root: prefix (empty for the default namespace) to namespace name.
        var declarations: [String: String]
    }

    private(set) var badges: [BadgeElement] = []
    private(set) var root: Root?
    /// Set when the document is damaged after the first badge element closed (and `lenientAfterPayload`).
    private(set) var damage: UnbakeError?

    private var scanner: XMLScanner
    private let limits: UnbakeLimits
    private let encoding: XMLCharacterData.Encoding
    private let lenientAfterPayload: Bool

    /// Open elements: the name range and the namespace prefixes each declared.
    private var open: [(name: Range<Int>, prefixes: [[UInt8]], badge: Int?)] = []
    /// Prefix (empty = default namespace) to the stack of namespace names bound to it, innermost last; an empty
    /// name undeclares.
    private var bindings: [[UInt8]: [[UInt8]]] = [:]
    /// Index in ``badges`` of the badge element whose body is being read, and its depth in ``open``.
    private var capturing: (badge: Int, depth: Int)?
    private var rootClosed = false
    /// The first badge element has been read to its end.
    private var firstBadgeComplete = false

    /// Scans `bytes` (a document whose root element was sniffed as `svg`).
    ///
    /// - Parameter lenientAfterPayload: keep what was found when damage comes after the first badge element
    ///   closed (unbaking), instead of throwing (baking, which must rewrite a sound document).
    /// - Throws: ``UnbakeError/Code/entityDeclarationRefused``, ``UnbakeError/Code/nestingTooDeep``,
    ///   ``UnbakeError/Code/tooLarge`` (a body over `limits.maxPayloadBytes`), ``UnbakeError/Code/malformedSVG``,
    ///   ``UnbakeError/Code/unreadablePayload`` (a bad reference in the first badge element).
    init(bytes: [UInt8], limits: UnbakeLimits, lenientAfterPayload: Bool) throws(UnbakeError) {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.scanner = XMLScanner(bytes: bytes, start: start)
        self.limits = limits
        self.lenientAfterPayload = lenientAfterPayload
        self.encoding = try Self.declaredEncoding(bytes, from: start)
        do throws(UnbakeError) {
            try run()
        } catch {
            guard lenientAfterPayload, firstBadgeComplete, error.code != .entityDeclarationRefused else { throw error }
            damage = error
        }
    }

    private mutating func run() throws(UnbakeError) {
        while true {
            switch try scanner.next() {
            case .startTag(let name, let start, let close, let end, let selfClosing):
                try startTag(name: name, start: start, close: close, end: end, selfClosing: selfClosing)
            case .endTag(let name, let start, let end):
                try endTag(name: name, start: start, end: end)
            case .text(let range):
                try characterData(range, isCDATA: false)
            case .cdata(let range):
                try characterData(range, isCDATA: true)
            case .doctype(let doctype):
                guard root == nil else { throw scanner.malformed("a DOCTYPE after the root element") }
                if doctype.declaresEntities || doctype.referencesParameterEntity {
                    throw UnbakeError(
                        code: .entityDeclarationRefused,
                        reason:
                            "the DOCTYPE \(doctype.declaresEntities ? "declares entities" : "references a parameter entity"); endorse refuses them rather than expand them (billion-laughs and external-entity attacks)",
                        location: "line \(doctype.line)")
                }
            case .end:
                guard root != nil else { throw scanner.malformed("the document has no root element") }
                guard open.isEmpty else {
                    let name = String(decoding: scanner.bytes[open[open.count - 1].name], as: UTF8.self)
                    throw scanner.malformed("the document ends inside <\(name)>: it is truncated")
                }
                return
            }
        }
    }

    // MARK: - Elements

    private mutating func startTag(name: Range<Int>, start: Int, close: Int, end: Int, selfClosing: Bool) throws(UnbakeError) {
        guard !rootClosed else { throw scanner.malformed("a second root element; an XML document has one") }
        guard open.count < limits.maxSVGDepth else {
            throw UnbakeError(
                code: .nestingTooDeep, reason: "elements nest deeper than \(limits.maxSVGDepth) levels; refused as hostile",
                location: scanner.location)
        }
        let bytes = scanner.bytes
        var declared: [[UInt8]] = []
        var rootDeclarations: [String: String] = [:]
        for attribute in scanner.attributes {
            let attributeName = bytes[attribute.name]
            let prefix: [UInt8]
            if attributeName.elementsEqual("xmlns".utf8) {
                prefix = []
            } else if attributeName.starts(with: "xmlns:".utf8) {
                prefix = Array(attributeName.dropFirst(6))
            } else {
                continue
            }
            var uri: [UInt8] = []
            try XMLCharacterData.append(
                bytes[attribute.value], to: &uri, encoding: encoding, construct: .attribute, code: .malformedSVG, location: scanner.location)
            bindings[prefix, default: []].append(uri)
            declared.append(prefix)
            if open.isEmpty { rootDeclarations[String(decoding: prefix, as: UTF8.self)] = String(decoding: uri, as: UTF8.self) }
        }
        if open.isEmpty {
            root = Root(name: name, close: close, end: end, selfClosing: selfClosing, declarations: rootDeclarations)
        }
        if let capture = capturing { badges[capture.badge].hasChildElements = true }

        var badgeIndex: Int?
        if let (standard, namespace, undeclared) = badgeIdentity(of: bytes[name]) {
            badgeIndex = badges.count
            badges.append(
                BadgeElement(
                    standard: standard, name: String(decoding: bytes[name], as: UTF8.self), namespace: namespace, line: scanner.line(at: start),
                    range: start..<end, nested: capturing != nil, isChildOfRoot: open.count == 1, undeclaredPrefix: undeclared))
            if badgeIndex == 0 { try readVerify() }
        }
        if selfClosing {
            for prefix in declared { bindings[prefix]?.removeLast() }
            if open.isEmpty { rootClosed = true }
            if badgeIndex == 0 { firstBadgeComplete = true }
            return
        }
        open.append((name: name, prefixes: declared, badge: badgeIndex))
        if badgeIndex == 0 { capturing = (badge: 0, depth: open.count) }
    }

    private mutating func endTag(name: Range<Int>, start: Int, end: Int) throws(UnbakeError) {
        let bytes = scanner.bytes
        guard let top = open.last else { throw scanner.malformed("an end tag with no element open") }
        guard bytes[name].elementsEqual(bytes[top.name]) else {
            throw scanner.malformed(
                "the end tag </\(String(decoding: bytes[name], as: UTF8.self))> does not match <\(String(decoding: bytes[top.name], as: UTF8.self))>")
        }
        open.removeLast()
        for prefix in top.prefixes { bindings[prefix]?.removeLast() }
        if let badge = top.badge { badges[badge].range = badges[badge].range.lowerBound..<end }
        if let capture = capturing, capture.depth == open.count + 1 {
            capturing = nil
            firstBadgeComplete = true
        }
        if open.isEmpty { rootClosed = true }
    }

    /// The standard, namespace name and undeclared-prefix flag of a badge element name, or nil for any other.
    private func badgeIdentity(of qualifiedName: ArraySlice<UInt8>) -> (BakedStandard, String, Bool)? {
        let colon = qualifiedName.firstIndex(of: UInt8(ascii: ":"))
        let local = colon.map { qualifiedName[($0 + 1)...] } ?? qualifiedName
        // Cheap test first: only two local names can be badge elements.
        guard local.elementsEqual("assertion".utf8) || local.elementsEqual("credential".utf8) else { return nil }
        let prefix = colon.map { Array(qualifiedName[..<$0]) } ?? []
        if let namespace = bindings[prefix]?.last, !namespace.isEmpty {
            guard let standard = BakedStandard.matching(namespace: namespace, localName: local) else { return nil }
            return (standard, standard.svgNamespace, false)
        }
        // A sloppy baker's `openbadges:` without its xmlns: the local name says which Open Badges version it meant.
        guard prefix.elementsEqual("openbadges".utf8) else { return nil }
        let standard: BakedStandard = local.elementsEqual("assertion".utf8) ? .openBadges2 : .openBadges3
        return (standard, standard.svgNamespace, true)
    }

    private mutating func readVerify() throws(UnbakeError) {
        let bytes = scanner.bytes
        for attribute in scanner.attributes where bytes[attribute.name].elementsEqual("verify".utf8) {
            guard badges[0].verify == nil else { throw scanner.malformed("the badge element has two verify attributes") }
            var value: [UInt8] = []
            try XMLCharacterData.append(
                bytes[attribute.value], to: &value, encoding: encoding, construct: .attribute, code: .unreadablePayload, location: scanner.location)
            guard value.count <= limits.maxPayloadBytes else { throw tooLarge() }
            badges[0].verify = value
        }
    }

    // MARK: - Character data

    private mutating func characterData(_ range: Range<Int>, isCDATA: Bool) throws(UnbakeError) {
        let raw = scanner.bytes[range]
        if let capture = capturing, capture.depth == open.count {
            try XMLCharacterData.append(
                raw, to: &badges[capture.badge].body, encoding: encoding, construct: isCDATA ? .cdata : .text, code: .unreadablePayload,
                location: scanner.location)
            guard badges[capture.badge].body.count <= limits.maxPayloadBytes else { throw tooLarge() }
        } else if open.isEmpty, isCDATA || !raw.allSatisfy(XMLScanner.isWhiteSpace) {
            throw scanner.malformed("text outside the root element")
        }
    }

    private func tooLarge() -> UnbakeError {
        UnbakeError(
            code: .tooLarge, reason: "the badge element's payload is over the \(limits.maxPayloadBytes)-byte payload limit",
            location: scanner.location)
    }

    // MARK: - Encoding

    /// The encoding named by the XML declaration (`<?xml version="1.0" encoding="..."?>`); UTF-8 when none.
    private static func declaredEncoding(_ bytes: [UInt8], from start: Int) throws(UnbakeError) -> XMLCharacterData.Encoding {
        guard bytes[start...].starts(with: "<?xml".utf8), let close = bytes[start...].firstRange(of: "?>".utf8) else { return .utf8 }
        let declaration = bytes[start..<close.lowerBound]
        guard let key = declaration.firstRange(of: "encoding".utf8) else { return .utf8 }
        let afterKey = declaration[key.upperBound...].drop { $0 == UInt8(ascii: "=") || XMLScanner.isWhiteSpace($0) }
        guard let quote = afterKey.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
            let valueEnd = afterKey.dropFirst().firstIndex(of: quote)
        else { return .utf8 }
        let name = String(decoding: afterKey[(afterKey.startIndex + 1)..<valueEnd], as: UTF8.self).lowercased()
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii": return .utf8
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1": return .latin1
        default:
            throw UnbakeError(
                code: .malformedSVG, reason: "the SVG declares encoding \"\(name)\"; endorse reads UTF-8, US-ASCII and ISO-8859-1 SVGs",
                location: "line 1")
        }
    }
}
