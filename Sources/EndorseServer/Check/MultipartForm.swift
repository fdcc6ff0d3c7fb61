import OpenBadges

/// A `multipart/form-data` body (RFC 7578) split into its parts: what the check form and API uploads send.
///
/// Only what form uploads use is read: each part's `Content-Disposition` name and filename, and its
/// `Content-Type`. Bounded: at most ``maxParts`` parts; the body itself is bounded by the caller.
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
        var contentType: String?
        var body: ArraySlice<UInt8>
    }

    static let maxParts = 16

    var parts: [Part] = []

    /// Why a body is not a readable form.
    struct Problem: Error {
        var message: String
    }

    /// The boundary named by a `multipart/form-data; boundary=...` content type, nil for other types.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { String($0).trimmedWhitespace }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].trimmedWhitespace.lowercased() == "boundary" else { continue }
            var value = pair[1].trimmedWhitespace
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Splits `body` at `boundary`.
    init(body: [UInt8], boundary: String) throws(Problem) {
        let delimiter = Array("--\(boundary)".utf8)
        guard var position = Self.find(delimiter, in: body, from: 0) else { throw Problem(message: "the multipart body has no part") }
        while true {
            position += delimiter.count
            // `--` after a delimiter closes the body.
            if body.count >= position + 2, body[position] == 0x2D, body[position + 1] == 0x2D { return }
            guard let headersEnd = Self.find([13, 10, 13, 10], in: body, from: position) else {
                throw Problem(message: "a multipart part has no end of headers")
            }
            let next = Self.find([13, 10] + delimiter, in: body, from: headersEnd + 4)
            guard let next else { throw Problem(message: "the multipart body is not closed by its boundary") }
            guard parts.count < Self.maxParts else { throw Problem(message: "the form has more than \(Self.maxParts) parts") }
            let headerText = String(decoding: body[position..<headersEnd], as: UTF8.self)
            var part = Part(name: "", body: body[(headersEnd + 4)..<next])
            for line in headerText.split(whereSeparator: \.isNewline) {
                let pair = line.split(separator: ":", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                switch pair[0].trimmedWhitespace.lowercased() {
                case "content-disposition":
                    part.name = Self.parameter("name", in: pair[1]) ?? ""
                    part.filename = Self.parameter("filename", in: pair[1])
                case "content-type": part.contentType = pair[1].trimmedWhitespace
                default: break
                }
            }
            parts.append(part)
            position = next + 2
        }
    }

    /// The first part named `name`.
    subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// A text field's value, trimmed; nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let part = self[name] else { return nil }
        let value = String(decoding: part.body, as: UTF8.self).trimmedWhitespace
        return value.isEmpty ? nil : value
    }

    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].trimmedWhitespace.lowercased() == name else { continue }
            var value = pair[1].trimmedWhitespace
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
