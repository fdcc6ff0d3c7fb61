import RDF

/// Dataset comparison for the toRdf tests: two datasets are isomorphic exactly when their RDFC-1.0 canonical
/// N-Quads are the same bytes (the RDF module's own suite shows the canonicalization right).
enum Datasets {
    /// The quads of an expected-output file.
    static func read(_ text: String) throws -> [RDFQuad] { try NQuads.parse(text) }

    /// True when `left` and `right` are the same dataset up to blank node labels.
    static func isomorphic(_ left: [RDFQuad], _ right: [RDFQuad]) -> Bool {
        let canonicalizer = RDFCanonicalizer()
        guard let a = try? canonicalizer.canonicalize(left), let b = try? canonicalizer.canonicalize(right) else { return false }
        return a == b
    }
}
