/// The keywords of JSON-LD 1.1 (JSON-LD 1.1 section 1.7, plus the framing keywords, which are keywords everywhere:
/// a context may not redefine them either).
enum Keyword {
    static let all: Set<String> = [
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph", "@id", "@import",
        "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault", "@prefix", "@preserve",
        "@protected", "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    ]

    /// True for a JSON-LD keyword.
    @inline(__always)
    static func isKeyword(_ text: String) -> Bool {
        guard text.utf8.first == UInt8(ascii: "@") else { return false }
        return all.contains(text)
    }

    /// True when `text` has the form of a keyword (`"@"1*ALPHA`, RFC 5234) without necessarily being one: such
    /// strings are reserved, and the algorithms ignore them.
    static func hasKeywordForm(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "@") else { return false }
        var count = 0
        while let byte = bytes.next() {
            guard (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) else { return false }
            count += 1
        }
        return count > 0
    }
}
