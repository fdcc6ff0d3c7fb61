import OpenBadges

/// The endorsers kept on a `badge` row (column `endorsers`) for search hits: a JSON array of `[id, name, url]`
/// entries, each a string or null.
///
/// The linker writes it for every badge a transaction touches and every search hit reads it, so neither goes through
/// Foundation: decoding with `JSONDecoder` took about half of a search's time on 100 000 badges (20 hits with up to
/// `Linker.endorsersShown` endorsers each).
enum EndorserListJSON {
    /// The JSON text of `entries` (RFC 8259; what `JSONSerialization` writes with `.withoutEscapingSlashes`), built in
    /// UTF-8 with the RFC 8785 string quoting OpenBadges has (the same escapes).
    static func encode(_ entries: some Sequence<[String?]>) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(256)
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for (position, value) in entry.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                if let value { JSONValue.appendQuotedJSON(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
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
}
