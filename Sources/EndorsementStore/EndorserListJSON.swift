import OpenBadges

/// The endorsers kept on a `badge` row (column `endorsers`) for search hits: a JSON array of `[id, name, url]`
/// entries, each a string or null.
///
/// The linker writes it for every badge a transaction touches and every search hit reads it, so neither goes through
/// Foundation: decoding with `JSONDecoder` took about half of a search's time on 100 000 badges (20 hits with up to
/// `Linker.endorsersShown` endorsers each).
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

    /// The entries of `text`, or nil when it is not a JSON array of arrays of strings and nulls (read by the
    /// document parser's strict JSON reader).
    static func decode(_ text: String) -> [[String?]]? {
        guard case .array(let entries)? = JSONValue.parse(text) else { return nil }
        var result: [[String?]] = []
        result.reserveCapacity(entries.count)
        for entry in entries {
            guard case .array(let values) = entry else { return nil }
            var row: [String?] = []
            row.reserveCapacity(values.count)
            for value in values {
                switch value {
                case .null: row.append(nil)
                case .string(let text): row.append(text)
                default: return nil
                }
            }
            result.append(row)
        }
        return result
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
}
