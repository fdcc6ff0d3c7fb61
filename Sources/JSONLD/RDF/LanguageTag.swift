/// BCP 47 language tags, as far as RDF needs them checked.
enum LanguageTag {
    /// True for a well-formed tag in the shape RDF 1.1 (and N-Quads `LANGTAG`) accepts: letters, then
    /// hyphen-separated alphanumeric subtags, each 1 to 8 characters.
    static func isWellFormed(_ tag: String) -> Bool {
        var length = 0
        var first = true
        for byte in tag.utf8 {
            if byte == UInt8(ascii: "-") {
                if length == 0 { return false }
                length = 0
                first = false
                continue
            }
            let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            let isDigit = byte >= 0x30 && byte <= 0x39
            guard isLetter || (!first && isDigit) else { return false }
            length += 1
            if length > 8 { return false }
        }
        return length > 0
    }
}
