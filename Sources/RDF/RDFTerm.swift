/// One node or value of an RDF 1.1 dataset (RDF 1.1 Concepts, section 3): an IRI, a blank node or a literal.
///
/// Values hold the text exactly as the dataset has it: IRIs are absolute and unescaped, blank node labels carry
/// no `_:` prefix, literal lexical forms are unescaped Unicode. Serialisation and escaping belong to ``NQuads``.
public enum RDFTerm: Hashable, Sendable {
    /// An IRI (`<https://example.org/a>` in N-Quads), held without the angle brackets.
    case iri(String)
    /// A blank node, held by its label without the `_:` prefix.
    case blankNode(String)
    /// A literal with its datatype IRI and, for `rdf:langString`, a language tag.
    case literal(RDFLiteral)

    /// True for a blank node.
    public var isBlankNode: Bool {
        if case .blankNode = self { return true }
        return false
    }

    /// The label of a blank node; nil for other terms.
    public var blankNodeLabel: String? {
        if case .blankNode(let label) = self { return label }
        return nil
    }
}

/// An RDF literal (RDF 1.1 Concepts, section 3.3).
public struct RDFLiteral: Hashable, Sendable {
    /// `http://www.w3.org/2001/XMLSchema#string`, the datatype of a plain literal.
    public static let xsdString = "http://www.w3.org/2001/XMLSchema#string"
    /// `http://www.w3.org/1999/02/22-rdf-syntax-ns#langString`, the datatype of a literal with a language tag.
    public static let rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

    /// The lexical form, unescaped.
    public var lexicalForm: String
    /// The datatype IRI; ``rdfLangString`` exactly when ``language`` is set.
    public var datatype: String
    /// The language tag of an `rdf:langString` literal, as written (not case-folded).
    public var language: String?

    /// A literal of `datatype` (default `xsd:string`).
    public init(_ lexicalForm: String, datatype: String = RDFLiteral.xsdString) {
        self.lexicalForm = lexicalForm
        self.datatype = datatype
        self.language = nil
    }

    /// A language-tagged string (`rdf:langString`).
    public init(_ lexicalForm: String, language: String) {
        self.lexicalForm = lexicalForm
        self.datatype = RDFLiteral.rdfLangString
        self.language = language
    }
}

/// One statement of a dataset: subject, predicate, object, and the graph it is in (nil for the default graph).
public struct RDFQuad: Hashable, Sendable {
    /// An IRI or a blank node.
    public var subject: RDFTerm
    /// An IRI (a blank node only in generalized RDF, which endorse does not produce).
    public var predicate: RDFTerm
    /// Any term.
    public var object: RDFTerm
    /// The graph name, an IRI or a blank node; nil for the default graph.
    public var graph: RDFTerm?

    /// A quad in `graph` (nil: the default graph).
    public init(subject: RDFTerm, predicate: RDFTerm, object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
}
