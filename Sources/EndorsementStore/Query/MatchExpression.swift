import Foundation

/// A user's search text, parsed into terms and rendered as a safe SQLite FTS5 MATCH expression.
///
/// Syntax: plain words (all must match), `"quoted phrases"`, `-word` or `-"phrase"` to exclude, `prefix*`.
/// Everything else is text: each term is emitted as an FTS5 string (double quotes, inner quotes doubled), so
/// FTS5 operators (`AND`, `OR`, `NOT`, `NEAR(`, `:`, `^`, `+`, `*` inside a word) never reach the FTS5
/// parser as syntax (SQLite FTS5 section 3.1). An unbalanced `"` closes at the end of the input.
public struct MatchExpression: Sendable, Hashable {
    /// One search term.
    public struct Term: Sendable, Hashable {
        /// The text as typed (without quotes, `-` or `*`).
        public var text: String
        /// Typed in double quotes: its words must appear in order.
        public var isPhrase: Bool
        /// Ends with `*`: matches words starting with it.
        public var isPrefix: Bool
        /// Starts with `-`: results must not contain it.
        public var isExcluded: Bool
    }

    /// Longest accepted input, in characters.
    public static let maxLength = 1000
    /// Most terms accepted.
    public static let maxTerms = 32

    /// Common English words dropped from unquoted input unless nothing else is left: they match most
    /// documents and make ranking cost the whole index.
    public static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of", "on", "or", "that", "the",
        "this", "to", "with", "not", "near",
    ]

    /// The terms that take part in the match (stop words removed).
    public let terms: [Term]

    /// Parses `text`. An empty (or white-space) text gives an expression with no terms (`isEmpty`).
    /// - Throws: `StoreError` `.invalidQuery` when the text is too long, has too many terms, holds no searchable
    ///   word (only punctuation), or only excludes.
    public init(_ text: String) throws(StoreError) {
        guard text.count <= Self.maxLength else {
            throw StoreError(.invalidQuery, "the query is \(text.count) characters long; keep it under \(Self.maxLength)")
        }
        let raw = Self.split(text)
        guard raw.count <= Self.maxTerms else {
            throw StoreError(.invalidQuery, "the query has \(raw.count) terms; use at most \(Self.maxTerms)")
        }
        let searchable = raw.filter { term in
            term.text.contains(where: { $0.isLetter || $0.isNumber }) && !term.text.lowercased().hasPrefix(Schema.reservedPrefix)
        }
        if raw.isEmpty {
            terms = []
            return
        }
        guard !searchable.isEmpty else {
            throw StoreError(.invalidQuery, "the query has no letters or digits to search for; type a word")
        }
        guard searchable.contains(where: { !$0.isExcluded }) else {
            throw StoreError(.invalidQuery, "the query only excludes words; add a word to search for")
        }
        let kept = searchable.filter { term in
            term.isPhrase || term.isPrefix || term.isExcluded || !Self.stopWords.contains(term.text.lowercased())
        }
        terms = kept.contains(where: { !$0.isExcluded }) ? kept : searchable
    }

    /// True when there is nothing to match (browse everything).
    public var isEmpty: Bool { terms.isEmpty }

    /// The FTS5 MATCH expression: included terms ANDed, then `NOT` each excluded term.
    public var fts5: String {
        let included = terms.filter { !$0.isExcluded }.map(Self.render).joined(separator: " ")
        let excluded = terms.filter(\.isExcluded).map { " NOT " + Self.render($0) }.joined()
        return excluded.isEmpty ? included : "(\(included))\(excluded)"
    }

    /// The expression restricted to some columns, e.g. `{name description} : (...)`.
    func fts5(columns: [String]) -> String {
        "{\(columns.joined(separator: " "))} : (\(fts5))"
    }

    private static func render(_ term: Term) -> String {
        let quoted = "\"" + term.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return term.isPrefix ? quoted + "*" : quoted
    }

    /// Splits on white space, honouring double quotes; `-` before a term excludes it, `*` after it makes a prefix.
    private static func split(_ text: String) -> [Term] {
        var terms: [Term] = []
        var characters = Substring(text)
        while let first = characters.first {
            if first.isWhitespace {
                characters.removeFirst()
                continue
            }
            var excluded = false
            if first == "-", let next = characters.dropFirst().first, !next.isWhitespace, next != "-" {
                excluded = true
                characters.removeFirst()
            }
            if characters.first == "\"" {
                characters.removeFirst()
                let end = characters.firstIndex(of: "\"") ?? characters.endIndex
                let body = String(characters[..<end])
                characters = end == characters.endIndex ? "" : characters[characters.index(after: end)...]
                var prefix = false
                if characters.first == "*" {
                    prefix = true
                    characters.removeFirst()
                }
                terms.append(Term(text: body, isPhrase: true, isPrefix: prefix, isExcluded: excluded))
                continue
            }
            let end = characters.firstIndex(where: { $0.isWhitespace || $0 == "\"" }) ?? characters.endIndex
            var word = String(characters[..<end])
            characters = characters[end...]
            var prefix = false
            if word.hasSuffix("*") {
                word = String(word.drop(while: { $0 == "*" }).reversed().drop(while: { $0 == "*" }).reversed())
                prefix = !word.isEmpty
            }
            terms.append(Term(text: word, isPhrase: false, isPrefix: prefix, isExcluded: excluded))
        }
        return terms
    }
}
