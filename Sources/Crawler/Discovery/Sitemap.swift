import Foundation
import OpenBadges

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The URLs a sitemap lists (sitemaps.org protocol 0.9): a `<urlset>` of pages, a `<sitemapindex>` of
/// further sitemaps, or a plain text file of one URL per line.
///
/// Parsing is bounded: at most ``maxBytes`` are read and at most ``maxEntries`` locations kept (the
/// protocol's own limits are 50 MB and 50 000). Locations that are not http(s) URLs are dropped.
public struct Sitemap: Sendable, Hashable {
    /// Which kind of sitemap the body was.
    public enum Kind: String, Sendable, Hashable {
        /// `<urlset>`: locations are pages or documents.
        case urlSet
        /// `<sitemapindex>`: locations are further sitemaps.
        case index
        /// A text sitemap: one URL per line.
        case text
    }

    /// The kind of sitemap.
    public var kind: Kind
    /// The http(s) `<loc>` values (or lines), in document order.
    public var locations: [IRI]
    /// True when entries were dropped because of ``maxEntries`` or ``maxBytes``.
    public var truncated: Bool

    /// Bytes read at most (10 MiB).
    public static let maxBytes = 10 << 20
    /// Locations kept at most (the protocol's own limit).
    public static let maxEntries = 50_000

    /// Creates a sitemap value.
    public init(kind: Kind, locations: [IRI], truncated: Bool = false) {
        self.kind = kind
        self.locations = locations
        self.truncated = truncated
    }

    /// Parses a sitemap body. Returns nil when it is neither sitemap XML nor a text list of URLs
    /// (malformed XML keeps the locations read before the error).
    public init?(parsing body: [UInt8], maxEntries: Int = Sitemap.maxEntries, maxBytes: Int = Sitemap.maxBytes) {
        let bounded = body.count > maxBytes ? Array(body.prefix(maxBytes)) : body
        let firstSignificant = bounded.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        if firstSignificant == UInt8(ascii: "<") {
            let reader = SitemapReader(maxEntries: maxEntries)
            let parser = XMLParser(data: Data(bounded))
            parser.shouldResolveExternalEntities = false
            parser.delegate = reader
            _ = parser.parse()
            guard let kind = reader.kind else { return nil }
            self.init(kind: kind, locations: reader.locations, truncated: reader.truncated || bounded.count < body.count)
        } else {
            var locations: [IRI] = []
            var truncated = bounded.count < body.count
            for line in String(decoding: bounded, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let candidate = IRI(String(line))
                guard !candidate.string.isEmpty else { continue }
                guard candidate.isFetchable, !candidate.string.contains(" ") else { return nil }
                guard locations.count < maxEntries else {
                    truncated = true
                    break
                }
                locations.append(candidate)
            }
            guard !locations.isEmpty else { return nil }
            self.init(kind: .text, locations: locations, truncated: truncated)
        }
    }
}

/// Collects `<loc>` texts under `<url>` or `<sitemap>`; one instance per parse, never shared.
private final class SitemapReader: NSObject, XMLParserDelegate {
    let maxEntries: Int
    var kind: Sitemap.Kind?
    var locations: [IRI] = []
    var truncated = false
    private var inLoc = false
    private var text = ""

    init(maxEntries: Int) { self.maxEntries = maxEntries }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        switch localName(elementName) {
        case "urlset" where kind == nil: kind = .urlSet
        case "sitemapindex" where kind == nil: kind = .index
        case "loc":
            inLoc = true
            text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inLoc && text.utf8.count < 4096 { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if inLoc { text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard localName(elementName) == "loc", inLoc else { return }
        inLoc = false
        let location = IRI(text)
        guard kind != nil, location.isFetchable else { return }
        guard locations.count < maxEntries else {
            truncated = true
            parser.abortParsing()
            return
        }
        locations.append(location)
    }

    private func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }
}
