/// The endorsers kept on a `badge` row (column `endorsers`) for search hits: a JSON array of `[id, name, url]`
/// entries, each a string or null.
///
/// The linker writes it for every badge a transaction touches and every search hit reads it, so both directions are
/// written out here instead of going through Foundation: decoding with `JSONDecoder` took about half of a search's
/// time on 100 000 badges (20 hits with up to `Linker.endorsersShown` endorsers each).
enum EndorserListJSON {
    /// The JSON text of `entries` (RFC 8259; what `JSONSerialization` writes with `.withoutEscapingSlashes`).
    static func encode(_ entries: some Sequence<[String?]>) -> String {
        var out = "["
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(",") }
            out.append("[")
            for (position, value) in entry.enumerated() {
                if position > 0 { out.append(",") }
                if let value { appendString(value, to: &out) } else { out.append("null") }
            }
            out.append("]")
        }
        out.append("]")
        return out
    }

    /// The entries of `text`, or nil when it is not a JSON array of arrays of strings and nulls.
    static func decode(_ text: String) -> [[String?]]? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.document()
        }
    }

    /// Appends `value` as a JSON string literal (RFC 8259 section 7: quote, backslash and control characters escaped).
    private static func appendString(_ value: String, to out: inout String) {
        out.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }

    /// A strict reader of the subset of JSON above, over UTF-8 bytes.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func document() -> [[String?]]? {
            guard let entries = array({ reader in reader.entry() }) else { return nil }
            skipSpace()
            return position == bytes.count ? entries : nil
        }

        private mutating func entry() -> [String?]? {
            array { reader -> String?? in
                reader.skipSpace()
                if reader.consume("null") { return .some(nil) }
                return reader.string().map { .some($0) }
            }
        }

        /// `[` element (`,` element)* `]`, or `[` `]`; nil when an element or the punctuation is wrong.
        private mutating func array<Element>(_ element: (inout Reader) -> Element?) -> [Element]? {
            skipSpace()
            guard next() == UInt8(ascii: "[") else { return nil }
            var elements: [Element] = []
            skipSpace()
            if peek() == UInt8(ascii: "]") {
                position += 1
                return elements
            }
            while true {
                guard let value = element(&self) else { return nil }
                elements.append(value)
                skipSpace()
                switch next() {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "]"): return elements
                default: return nil
                }
            }
        }

        private mutating func string() -> String? {
            guard next() == UInt8(ascii: "\"") else { return nil }
            // Most strings have no escapes: read them straight from the buffer.
            let start = position
            while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { position += 1 }
            if peek() == UInt8(ascii: "\"") {
                defer { position += 1 }
                return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            }
            var out = Array(bytes[start..<position])
            while let byte = next() {
                switch byte {
                case UInt8(ascii: "\""): return String(validating: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = next() else { return nil }
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        out.append(contentsOf: String(Character(scalar)).utf8)
                    default: return nil
                    }
                case 0..<0x20: return nil
                default: out.append(byte)
                }
            }
            return nil
        }

        /// The scalar of `XXXX` after `\u`, joining a UTF-16 surrogate pair written as two escapes.
        private mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let first = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(first) {
                guard consume("\\u"), let second = hex4(), (0xDC00..<0xE000).contains(second) else { return nil }
                return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            }
            return Unicode.Scalar(first)
        }

        private mutating func hex4() -> UInt32? {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = next() else { return nil }
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }

        private mutating func skipSpace() {
            while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
        }

        private mutating func consume(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] { return false }
            position += count
            return true
        }

        private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        private mutating func next() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }
    }
}
