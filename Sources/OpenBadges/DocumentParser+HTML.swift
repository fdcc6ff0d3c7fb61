import Foundation

extension DocumentParser {
    /// An HTML page: the objects of its `<script type="application/ld+json">` bodies, `<link rel="alternate"
    /// type="application/ld+json">` and anchors to `.json` documents as ``LinkReason/alternate``, and up to
    /// ``ParserLimits/maxPageLinks`` other same-host anchors as ``LinkReason/page``. `<base href>` is honoured.
    /// Never throws: a page is a page even when its embedded JSON is broken (a warning says so).
    func parseHTML(_ body: [UInt8], url: IRI) -> ParsedDocument {
        var warnings: [ParseWarning] = []
        let text: String
        if let valid = String(validating: body, as: UTF8.self) {
            text = valid
        } else {
            text = String(decoding: body, as: UTF8.self)
            warnings.append(ParseWarning(code: "html.notUTF8", message: "the page is not UTF-8; invalid bytes were replaced", path: "$"))
        }
        var result = ParsedDocument(url: url, format: .html)
        var base = url
        var links: [Link] = []
        var seen: Set<String> = []
        var pageLinks = 0
        func add(_ target: IRI?, _ reason: LinkReason, source: IRI? = nil) {
            guard let target, target.isFetchable, seen.insert("\(reason.rawValue) \(target.string)").inserted else { return }
            links.append(Link(target: target, reason: reason, source: source ?? url))
        }
        for (index, tag) in HTMLScanner.tags(in: text).enumerated() {
            let attributes = tag.attributes
            let type = attributes["type"]?.lowercased() ?? ""
            switch tag.name {
            case "base":
                if let href = attributes["href"], let resolved = url.resolving(href) { base = resolved }
            case "script" where type.contains("ld+json"):
                let json = HTMLScanner.decodeCDATA(tag.body ?? "")
                do {
                    let output = try JSONReader.readTolerant(Array(json.utf8), maxDepth: limits.maxDepth)
                    let embedded = try document(from: output.value, url: url, format: .html, warnings: output.warnings)
                    merge(embedded, into: &result, warningPrefix: "$.script[\(index)]")
                } catch {
                    warnings.append(ParseWarning(code: "html.jsonld.invalid", message: error.description, path: "$.script[\(index)]"))
                }
            case "link":
                let rel = attributes["rel"]?.lowercased().split(separator: " ") ?? []
                if rel.contains("alternate"), type.contains("json"), let href = attributes["href"] {
                    add(base.resolving(href), .alternate)
                }
            case "a":
                guard let href = attributes["href"], let target = base.resolving(href), target.isFetchable else { continue }
                let path = URLComponents(string: target.string)?.path.lowercased() ?? ""
                if path.hasSuffix(".json") || path.hasSuffix(".jsonld") {
                    add(target, .alternate)
                } else if target.host == url.host, pageLinks < limits.maxPageLinks {
                    let before = links.count
                    add(target, .page)
                    if links.count > before { pageLinks += 1 }
                }
            default:
                break
            }
        }
        for link in result.links { add(link.target, link.reason, source: link.source) }
        result.links = links
        result.warnings = warnings + result.warnings
        return result
    }

    private func merge(_ embedded: ParsedDocument, into result: inout ParsedDocument, warningPrefix: String) {
        result.profiles += embedded.profiles
        result.badges += embedded.badges
        result.assertions += embedded.assertions
        result.endorsements += embedded.endorsements
        result.links += embedded.links
        result.warnings += embedded.warnings.map { ParseWarning(code: $0.code, message: $0.message, path: warningPrefix + $0.path.dropFirst()) }
    }
}
