extension BakedBadge {
    /// `png` with `payload` baked into an uncompressed `iTXt` chunk of `keyword`, written just before `IEND`
    /// (Open Badges 2.0 Baking "PNGs"; Open Badges 3.0 section 5.3.1.1 with keyword `openbadgecredential`).
    ///
    /// Existing payload chunks (any of the keywords ``unbake(_:limits:)`` reads) are dropped, so the result holds
    /// exactly one, as the specifications require; every other chunk is copied byte for byte.
    ///
    /// - Parameters:
    ///   - payload: the text to bake: a URL, a JSON object or a compact JWS; baked as given.
    ///   - keyword: 1 to 79 printable Latin-1 characters (PNG section 11.3.4.2); normally a
    ///     ``BakedStandard/pngKeyword``.
    /// - Throws: ``UnbakeError/Code/cannotBake`` for a bad keyword or payload, or the PNG's own structural errors
    ///   (``UnbakeError/Code/malformedPNG``, ``UnbakeError/Code/crcMismatch`` if a chunk to be copied is damaged).
    public static func bake(png: [UInt8], payload: String, keyword: String = BakedStandard.openBadges2.pngKeyword) throws(UnbakeError) -> [UInt8] {
        let keywordBytes = Array(keyword.utf8)
        guard (1...79).contains(keywordBytes.count), keywordBytes.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }), keywordBytes.first != 0x20,
            keywordBytes.last != 0x20
        else {
            throw UnbakeError(code: .cannotBake, reason: "the keyword must be 1 to 79 printable ASCII characters without leading or trailing spaces")
        }
        guard PNGChunkReader.hasSignature(png) else { throw UnbakeError(code: .cannotBake, reason: "the image to bake into is not a PNG") }
        let data = PNGChunkWriter.internationalTextData(keyword: keywordBytes, text: payload)
        guard data.count <= 0x7FFF_FFFF else { throw UnbakeError(code: .cannotBake, reason: "the payload is too large for a PNG chunk") }

        var output = PNGChunkReader.signature
        output.reserveCapacity(png.count + data.count + 12)
        var reader = PNGChunkReader(bytes: png)
        while let chunk = try reader.next() {
            guard chunk.crcMatches else {
                throw UnbakeError(
                    code: .crcMismatch, reason: "the \(chunk.label) has a wrong CRC-32; bake into an undamaged image",
                    location: "byte \(chunk.offset)")
            }
            if chunk.isText, let existing = PNGTextChunk.keyword(of: chunk, in: png), BakedStandard.matching(keyword: existing) != nil {
                continue
            }
            if chunk.type == PNGChunk.IEND { PNGChunkWriter.append(type: "iTXt", data: data, to: &output) }
            output.append(contentsOf: png[chunk.offset..<(chunk.data.upperBound + 4)])
        }
        return output
    }

    /// `svg` with `payload` baked into a badge element of `standard`, inserted directly after the root `<svg>`
    /// start tag, whose start tag gains the `xmlns` declaration (Open Badges 2.0 Baking "SVGs"; Open Badges 3.0
    /// section 5.3.2.1).
    ///
    /// A URL or compact JWS goes into the `verify` attribute of an empty element; a JSON object into the body,
    /// wrapped in CDATA (with any `]]>` inside split across two sections). Existing badge elements are removed.
    /// When the root already binds the prefix to another namespace, the declaration goes on the new element.
    ///
    /// - Throws: the classification errors of a payload that is not a URL, JSON object or compact JWS, and the
    ///   SVG's own errors (``UnbakeError/Code/malformedSVG``, ``UnbakeError/Code/entityDeclarationRefused``, ...);
    ///   ``UnbakeError/Code/cannotBake`` when `svg` is not an SVG document.
    public static func bake(svg: [UInt8], payload: String, standard: BakedStandard = .openBadges2) throws(UnbakeError) -> [UInt8] {
        guard sniff(svg) == .svg else { throw UnbakeError(code: .cannotBake, reason: "the image to bake into is not an SVG document") }
        let kind = try PayloadClassifier.classify(payload, location: "payload")
        let limits = UnbakeLimits(maxImageBytes: .max, maxChunks: .max, maxPayloadBytes: .max, maxSVGDepth: UnbakeLimits.default.maxSVGDepth)
        let scan = try SVGDocumentScan(bytes: svg, limits: limits, lenientAfterPayload: false)
        guard let root = scan.root else { throw UnbakeError(code: .cannotBake, reason: "the SVG has no root element") }

        let prefix = standard.svgPrefix
        let declaration = " xmlns:\(prefix)=\"\(standard.svgNamespace)\""
        let rootBinding = root.declarations[prefix]
        let declareOnRoot = rootBinding == nil
        let declareOnElement = rootBinding != nil && rootBinding != standard.svgNamespace
        let name = "\(prefix):\(standard.svgElementName)"
        var element = "\n<\(name)\(declareOnElement ? declaration : "")"
        switch kind {
        case .url(let text), .jwt(let text):
            element += " verify=\"\(escapedAttribute(text))\"/>"
        case .json(let text):
            let cdata = text.replacing("]]>", with: "]]]]><![CDATA[>")
            element += "><![CDATA[\(cdata)]]></\(name)>"
        }

        var output: [UInt8] = []
        output.reserveCapacity(svg.count + element.utf8.count + declaration.utf8.count + 16)
        output.append(contentsOf: svg[..<root.close])
        if declareOnRoot { output.append(contentsOf: declaration.utf8) }
        output.append(UInt8(ascii: ">"))
        output.append(contentsOf: element.utf8)
        if root.selfClosing {
            output.append(contentsOf: "\n</".utf8)
            output.append(contentsOf: svg[root.name])
            output.append(UInt8(ascii: ">"))
        }
        // Drop the old badge elements (nested ones go with the element holding them).
        var copied = root.end
        for old in scan.badges where !old.nested {
            output.append(contentsOf: svg[copied..<old.range.lowerBound])
            copied = old.range.upperBound
        }
        output.append(contentsOf: svg[copied...])
        return output
    }

    private static func escapedAttribute(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
