import Foundation

/// A tolerant scanner for the few HTML tags that matter to a badge crawler: `<script type="application/ld+json">`
/// bodies, `<link>`, `<a href>` and `<base href>`. It reads tags and attributes (quoted, single-quoted or
/// bare), skips comments and the bodies of other scripts and styles, and never fails: malformed markup just
/// yields fewer tags. Not an HTML5 tree builder.
struct HTMLScanner {
    /// One start tag of interest.
    struct Tag {
        var name: String
        var attributes: [String: String]
        /// The raw text up to the matching end tag, for `script` elements only.
        var body: String?
    }

    /// The `script`, `link`, `a` and `base` tags of `text`, in document order.
    static func tags(in text: String) -> [Tag] {
        let bytes = Array(text.utf8)
        var tags: [Tag] = []
        var pos = 0
        while let open = index(of: UInt8(ascii: "<"), in: bytes, from: pos) {
            pos = open + 1
            if starts(bytes, at: pos, with: "!--") {
                pos = range(of: "-->", in: bytes, from: pos + 3).map { $0 + 3 } ?? bytes.count
                continue
            }
            var nameEnd = pos
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            guard nameEnd > pos else { continue }
            let name = String(decoding: bytes[pos..<nameEnd], as: UTF8.self).lowercased()
            let (attributes, tagEnd) = readAttributes(bytes, from: nameEnd)
            pos = tagEnd
            switch name {
            case "script", "style":
                let close = range(of: "</\(name)", in: bytes, from: pos, caseInsensitive: true) ?? bytes.count
                if name == "script" {
                    tags.append(Tag(name: name, attributes: attributes, body: String(decoding: bytes[pos..<close], as: UTF8.self)))
                }
                pos = close
            case "link", "a", "base":
                tags.append(Tag(name: name, attributes: attributes, body: nil))
            default:
                break
            }
        }
        return tags
    }

    private static func readAttributes(_ bytes: [UInt8], from start: Int) -> ([String: String], Int) {
        var attributes: [String: String] = [:]
        var pos = start
        while pos < bytes.count {
            while pos < bytes.count, isSpace(bytes[pos]) || bytes[pos] == UInt8(ascii: "/") { pos += 1 }
            guard pos < bytes.count, bytes[pos] != UInt8(ascii: ">") else { break }
            let nameStart = pos
            while pos < bytes.count, !isSpace(bytes[pos]), bytes[pos] != UInt8(ascii: "="), bytes[pos] != UInt8(ascii: ">") { pos += 1 }
            let name = String(decoding: bytes[nameStart..<pos], as: UTF8.self).lowercased()
            while pos < bytes.count, isSpace(bytes[pos]) { pos += 1 }
            var value = ""
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "=") {
                pos += 1
                while pos < bytes.count, isSpace(bytes[pos]) { pos += 1 }
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") || bytes[pos] == UInt8(ascii: "'") {
                    let quote = bytes[pos]
                    let valueEnd = index(of: quote, in: bytes, from: pos + 1) ?? bytes.count
                    value = String(decoding: bytes[(pos + 1)..<valueEnd], as: UTF8.self)
                    pos = min(valueEnd + 1, bytes.count)
                } else {
                    let valueStart = pos
                    while pos < bytes.count, !isSpace(bytes[pos]), bytes[pos] != UInt8(ascii: ">") { pos += 1 }
                    value = String(decoding: bytes[valueStart..<pos], as: UTF8.self)
                }
            }
            if !name.isEmpty, attributes[name] == nil { attributes[name] = decodeEntities(value) }
        }
        return (attributes, min(pos + 1, bytes.count))
    }

    /// Decodes the character references URLs commonly carry (`&amp;`, `&quot;`, `&#39;`, `&#x2F;`, ...).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let afterAmp = rest.index(after: amp)
            guard let semi = rest[afterAmp...].prefix(10).firstIndex(of: ";") else {
                output += "&"
                rest = rest[afterAmp...]
                continue
            }
            let entity = rest[afterAmp..<semi]
            let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            if let replacement = named[entity] {
                output += replacement
            } else if entity.hasPrefix("#"),
                let code = entity.dropFirst().first == "x" || entity.dropFirst().first == "X"
                    ? UInt32(entity.dropFirst(2), radix: 16) : UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code)
            {
                output.unicodeScalars.append(scalar)
            } else {
                output += "&" + entity + ";"
            }
            rest = rest[rest.index(after: semi)...]
        }
        return output + rest
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C }

    private static func index(of byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes[start...].firstIndex(of: byte)
    }

    private static func starts(_ bytes: [UInt8], at pos: Int, with text: String) -> Bool {
        let needle = Array(text.utf8)
        return pos + needle.count <= bytes.count && Array(bytes[pos..<pos + needle.count]) == needle
    }

    private static func range(of text: String, in bytes: [UInt8], from start: Int, caseInsensitive: Bool = false) -> Int? {
        let needle = Array(text.lowercased().utf8)
        guard let first = needle.first, start <= bytes.count - needle.count else { return nil }
        var pos = start
        while pos + needle.count <= bytes.count {
            let byte = caseInsensitive ? lower(bytes[pos]) : bytes[pos]
            if byte == first, (1..<needle.count).allSatisfy({ (caseInsensitive ? lower(bytes[pos + $0]) : bytes[pos + $0]) == needle[$0] }) {
                return pos
            }
            pos += 1
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }
}

extension HTMLScanner {
    /// Script bodies are sometimes wrapped in `<![CDATA[ ... ]]>` or HTML comments for old browsers.
    static func decodeCDATA(_ body: String) -> String {
        var text = body.trimmedWhitespace
        for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] where text.hasPrefix(open) && text.hasSuffix(close) {
            text = String(text.dropFirst(open.count).dropLast(close.count))
        }
        return text
    }
}
