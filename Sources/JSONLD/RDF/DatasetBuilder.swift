import OpenBadges
import RDF

/// Turns expanded JSON-LD into RDF quads: Node Map Generation (JSON-LD 1.1 API section 7.2.2) and Deserialize
/// JSON-LD to RDF (section 8.1.2, with Object to RDF 8.2 and List Conversion 8.3) fused into one walk.
///
/// The node map only gathers each node's properties under its identifier before the triples are written; since
/// a dataset is a set, writing each triple where the walk meets it and dropping duplicates gives the same
/// dataset without building the map. What the map does that matters is kept: blank node identifiers are
/// relabelled consistently (`_:b0`, `_:b1`, … in order of appearance), nodes without `@id` get fresh blank nodes,
/// `@reverse` writes the triple the other way, `@graph` puts its nodes in the graph named by the node, and
/// `@included` nodes stay in the current graph. Triples with a subject, predicate, object or graph that is not
/// well-formed are dropped (a node whose `@id` is a relative IRI still has its embedded nodes written), as are
/// triples with blank node predicates (generalized RDF is not produced).
struct DatasetBuilder {
    private var collector = QuadCollector()
    /// The number of the new label of each blank node identifier of the document (`_:x` becomes `_:b<number>`).
    private var labels: [String: Int] = [:]
    private var nextLabel = 0
    private let run: ProcessingRun

    init(run: ProcessingRun) {
        self.run = run
    }

    /// The quads, without duplicates, in the order the walk met them.
    var quads: [RDFQuad] { collector.quads }

    /// A subject term with the group its quads are collected in.
    typealias Subject = (term: RDFTerm, group: QuadCollector.Group)

    /// Where triples met during the walk go.
    enum Graph {
        case named(RDFTerm?)  // nil: the default graph
        /// A graph whose name is not well-formed: its triples are dropped.
        case dropped
    }

    private static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    private static let xsd = "http://www.w3.org/2001/XMLSchema#"
    private static let rdfType = RDFTerm.iri(rdf + "type")
    private static let rdfFirst = RDFTerm.iri(rdf + "first")
    private static let rdfRest = RDFTerm.iri(rdf + "rest")
    private static let rdfNil = RDFTerm.iri(rdf + "nil")

    /// Adds the triples of every node object in `expanded` (a top-level expanded document) to the default graph.
    mutating func add(expanded: [JSONValue]) throws(JSONLDError) {
        for element in expanded {
            guard case .object(let node) = element else { continue }
            _ = try addNode(node, graph: .named(nil), depth: 0)
        }
    }

    /// What a triple left out lacks, for the safe-mode error.
    private static func droppedTriple(_ subject: RDFTerm?, _ predicate: RDFTerm?, _ object: RDFTerm?) -> String {
        if subject == nil { return "a node's @id is not an absolute IRI or blank node, so what it says would not be signed" }
        if predicate == nil { return "a property is not an absolute IRI, so its value would not be signed" }
        if object == nil { return "a value (an @id, @type, datatype or language tag) is not well-formed, so it would not be signed" }
        return "a triple would be left out of its graph (the graph name is not well-formed)"
    }

    /// The new label for the blank node identifier `identifier` (with its `_:`), the same for every occurrence, and
    /// its number; a fresh one for nil.
    private mutating func blankNode(_ identifier: String?) -> (term: RDFTerm, number: Int) {
        let number: Int
        if let identifier, let known = labels[identifier] {
            number = known
        } else {
            number = nextLabel
            nextLabel += 1
            if let identifier { labels[identifier] = number }
        }
        return (.blankNode("b\(number)"), number)
    }

    /// The term for an IRI or blank node identifier; nil when it is neither well-formed.
    private mutating func resource(_ identifier: String) -> RDFTerm? {
        if IRIReference.isBlankNode(identifier) { return blankNode(identifier).term }
        return IRIReference.isWellFormed(identifier) ? .iri(identifier) : nil
    }

    /// ``resource(_:)`` for a node's subject, with the group its quads are collected in.
    private mutating func subject(_ identifier: String?) -> Subject? {
        if let identifier, !IRIReference.isBlankNode(identifier) {
            guard IRIReference.isWellFormed(identifier) else { return nil }
            return (.iri(identifier), collector.group(ofIRI: identifier))
        }
        let (term, number) = blankNode(identifier)
        return (term, collector.group(ofBlankNode: number))
    }

    private mutating func emit(_ subject: Subject?, _ predicate: RDFTerm?, _ object: RDFTerm?, in graph: Graph) throws(JSONLDError) {
        guard let subject, let predicate, let object, case .named(let name) = graph else {
            try run.dropping(Self.droppedTriple(subject?.term, predicate, object))
            return
        }
        let quad = RDFQuad(subject: subject.term, predicate: predicate, object: object, graph: name)
        if collector.add(quad, in: subject.group) { try run.spend() }
    }

    /// Emits a triple of a list node (section 8.3), which is written once and so needs no duplicate check.
    private mutating func emitList(_ node: RDFTerm, _ predicate: RDFTerm, _ object: RDFTerm?, in graph: Graph) throws(JSONLDError) {
        guard let object, case .named(let name) = graph else {
            try run.dropping(Self.droppedTriple(node, predicate, object))
            return
        }
        try run.spend()
        collector.addUnique(RDFQuad(subject: node, predicate: predicate, object: object, graph: name))
    }

    /// The triples of one node object and everything embedded in it; returns the node's term (nil when its `@id`
    /// is not well-formed).
    private mutating func addNode(_ node: [String: JSONValue], graph: Graph, depth: Int) throws(JSONLDError) -> Subject? {
        try run.checkDepth(depth)
        try run.spend()
        // One pass over the entries: keywords picked out, properties gathered to be written in code point order
        // (as section 8.1.2 orders them) so that a document always gives the same quads, labels included.
        var id: JSONValue?
        var types: JSONValue?
        var reverse: JSONValue?
        var inner: JSONValue?
        var included: JSONValue?
        var properties: [(key: String, value: JSONValue)] = []
        for (key, value) in node {
            if key.utf8.first == UInt8(ascii: "@") {
                switch key {
                case "@id": id = value
                case "@type": types = value
                case "@reverse": reverse = value
                case "@graph": inner = value
                case "@included": included = value
                default: if !Keyword.isKeyword(key) { properties.append((key, value)) }
                }
            } else {
                properties.append((key, value))
            }
        }
        let subject: Subject?
        switch id {
        case .string(let identifier)?: subject = self.subject(identifier)
        case nil: subject = self.subject(nil)
        default: subject = nil  // an @id that expanded to null
        }
        for type in types?.values ?? [] {
            guard case .string(let iri) = type else { continue }
            try emit(subject, Self.rdfType, resource(iri), in: graph)
        }
        if case .object(let reverseMap)? = reverse {
            for property in reverseMap.keys.sorted(by: { $0.precedesInCodePointOrder($1) }) {
                guard let values = reverseMap[property] else { continue }
                let predicate = predicateTerm(property)
                for value in values.values {
                    guard case .object(let referencing) = value else { continue }
                    let other = try addNode(referencing, graph: graph, depth: depth + 1)
                    try emit(other, predicate, subject?.term, in: graph)
                }
            }
        }
        if let inner {
            let innerGraph: Graph = subject.map { .named($0.term) } ?? .dropped
            for element in inner.values {
                guard case .object(let member) = element else { continue }
                _ = try addNode(member, graph: innerGraph, depth: depth + 1)
            }
        }
        for element in included?.values ?? [] {
            guard case .object(let member) = element else { continue }
            _ = try addNode(member, graph: graph, depth: depth + 1)
        }
        if properties.count > 1 { properties.sort { $0.key.precedesInCodePointOrder($1.key) } }
        for (property, values) in properties {
            let predicate = predicateTerm(property)
            // Values of dropped triples are still walked: the nodes embedded in them have triples of their own, but
            // a list hanging from a dropped triple is not written.
            let live = subject != nil && predicate != nil
            for value in values.values {
                let object = try objectTerm(value, graph: graph, writeLists: live, depth: depth + 1)
                try emit(subject, predicate, object, in: graph)
            }
        }
        return subject
    }

    /// A property IRI as a predicate; nil for blank node identifiers and IRIs that are not well-formed.
    private func predicateTerm(_ property: String) -> RDFTerm? {
        IRIReference.isWellFormed(property) ? .iri(property) : nil
    }

    /// Object to RDF (section 8.2): the term for a node object, value object or list object.
    private mutating func objectTerm(_ value: JSONValue, graph: Graph, writeLists: Bool, depth: Int) throws(JSONLDError) -> RDFTerm? {
        guard case .object(let members) = value else { return nil }
        if let list = members["@list"] {
            return try listTerm(list.values, graph: graph, writeLists: writeLists, depth: depth)
        }
        if members["@value"] != nil {
            return Self.literal(members)
        }
        return try addNode(members, graph: graph, depth: depth)?.term
    }

    /// List Conversion (section 8.3): the head of an `rdf:first`/`rdf:rest` chain, `rdf:nil` when empty.
    private mutating func listTerm(_ items: [JSONValue], graph: Graph, writeLists: Bool, depth: Int) throws(JSONLDError) -> RDFTerm? {
        try run.checkDepth(depth)
        guard !items.isEmpty else { return Self.rdfNil }
        var nodes: [RDFTerm] = []
        nodes.reserveCapacity(items.count)
        for _ in items { nodes.append(blankNode(nil).term) }
        let listGraph = writeLists ? graph : .dropped
        for (position, item) in items.enumerated() {
            try run.spend()
            let object = try objectTerm(item, graph: graph, writeLists: writeLists, depth: depth + 1)
            try emitList(nodes[position], Self.rdfFirst, object, in: listGraph)
            let rest = position + 1 < nodes.count ? nodes[position + 1] : Self.rdfNil
            try emitList(nodes[position], Self.rdfRest, rest, in: listGraph)
        }
        return nodes[0]
    }

    /// Object to RDF for a value object (section 8.2 steps 4 to 15, without `rdfDirection`): nil when its
    /// datatype IRI or language tag is not well-formed.
    static func literal(_ members: [String: JSONValue]) -> RDFTerm? {
        guard let value = members["@value"] else { return nil }
        var datatype = members["@type"]?.string
        if let datatype, datatype != "@json", !IRIReference.isWellFormed(datatype) { return nil }
        let language = members["@language"]?.string
        if let language, !LanguageTag.isWellFormed(language) { return nil }
        let lexical: String
        if datatype == "@json" {
            guard let text = JSONCanonicalization.text(of: value) else { return nil }
            lexical = text
            datatype = rdf + "JSON"
        } else {
            switch value {
            case .bool(let flag):
                lexical = flag ? "true" : "false"
                if datatype == nil { datatype = xsd + "boolean" }
            case .number(let number):
                let integral = number.rounded(.towardZero) == number && abs(number) < 1e21
                if !integral || datatype == xsd + "double" {
                    // The form the JSON-LD reference implementations write (16 significant digits, `1.1E0`), so
                    // that signatures they made verify.
                    lexical = XSDDouble.canonicalLexicalForm(number)
                    if datatype == nil { datatype = xsd + "double" }
                } else {
                    // An integral double below 10^21 prints as all its digits (`1e20` is 21 digits long).
                    lexical = abs(number) < 9.0e15 ? String(Int64(number)) : JSONValue.ecmaScriptString(number)
                    if datatype == nil { datatype = xsd + "integer" }
                }
            case .string(let text):
                lexical = text
            default:
                return nil
            }
        }
        if let datatype { return .literal(RDFLiteral(lexical, datatype: datatype)) }
        if let language { return .literal(RDFLiteral(lexical, language: language)) }
        return .literal(RDFLiteral(lexical))
    }
}
