import OpenBadges
import RDF

/// JSON-LD 1.1 expansion and RDF deserialisation with one loader, one set of options and one context cache.
///
/// Follows the JSON-LD 1.1 Processing Algorithms and API (W3C Recommendation, 16 July 2020) in processing mode
/// `json-ld-1.1`: context processing (section 4.1), expansion (5.1), node map generation (7.2) and
/// Deserialize JSON-LD to RDF (8.1), without `rdfDirection` (base directions are dropped, as by default) and
/// without generalized RDF. Remote contexts come only from the ``DocumentLoader``; processed contexts are kept in
/// the ``JSONLDContextCache`` across calls, so a processor made once and reused is fast (the contexts of a
/// typical credential are then processed once per process).
///
/// A value type that is cheap to copy and safe to share between threads (the cache locks itself).
public struct JSONLDProcessor: Sendable {
    /// Where remote contexts come from.
    public let loader: any DocumentLoader
    /// How documents are processed.
    public var options: JSONLDOptions
    /// The processed contexts shared by every call through this processor (and its copies).
    public let cache: JSONLDContextCache

    /// A processor loading contexts through `loader`, caching them in `cache`.
    public init(loader: any DocumentLoader, options: JSONLDOptions = JSONLDOptions(), cache: JSONLDContextCache = JSONLDContextCache()) {
        self.loader = loader
        self.options = options
        self.cache = cache
    }

    /// The expanded form of `document` (JSON-LD 1.1 API section 9.2.2 `expand()`): an array of node objects,
    /// with every term, compact IRI and relative IRI made absolute and every value made explicit.
    ///
    /// - Parameters:
    ///   - document: the parsed JSON-LD document.
    ///   - documentURL: where the document came from; relative IRIs and relative context URLs resolve against it
    ///     (``JSONLDOptions/base`` overrides it as the base IRI). Nil: no base, relative IRIs stay relative.
    /// - Throws: ``JSONLDError`` with the JSON-LD error code the specification names, or `work limit exceeded` /
    ///   `context overflow` when the document passes ``JSONLDOptions/limits``.
    /// - Complexity: linear in the document and the contexts it uses, within ``JSONLDLimits/maxWork``.
    public func expand(_ document: JSONValue, documentURL: String? = nil) throws(JSONLDError) -> [JSONValue] {
        let run = ProcessingRun(loader: loader, cache: cache, limits: options.limits, safeMode: options.safeMode)
        return try run.expandDocument(document, documentURL: documentURL, options: options)
    }

    /// The RDF dataset `document` denotes (JSON-LD 1.1 API section 9.2.2 `toRdf()`): its expansion turned into
    /// quads, without duplicates, in the order the document gives them.
    ///
    /// Blank nodes are labelled `b0`, `b1`, … in order of appearance (canonicalise before comparing datasets).
    /// Literals: booleans are `xsd:boolean`; integral numbers below 10^21 are `xsd:integer`, other numbers
    /// canonical `xsd:double` (`1.1E0`); `@json` values are `rdf:JSON` with their RFC 8785 canonical text;
    /// lists are `rdf:first`/`rdf:rest` chains. Triples with IRIs that are not well-formed (relative, or with
    /// spaces) or with ill-formed language tags are left out, as the specification requires.
    /// - Throws: as ``expand(_:documentURL:)``.
    public func toRDF(_ document: JSONValue, documentURL: String? = nil) throws(JSONLDError) -> [RDFQuad] {
        let run = ProcessingRun(loader: loader, cache: cache, limits: options.limits, safeMode: options.safeMode)
        let expanded = try run.expandDocument(document, documentURL: documentURL, options: options)
        var builder = DatasetBuilder(run: run)
        try builder.add(expanded: expanded)
        return builder.quads
    }

    /// The RDF dataset of an already expanded document (the output of ``expand(_:documentURL:)``), as
    /// ``toRDF(_:documentURL:)`` builds it.
    /// - Throws: `work limit exceeded` past ``JSONLDOptions/limits``.
    public func toRDF(expanded: [JSONValue]) throws(JSONLDError) -> [RDFQuad] {
        let run = ProcessingRun(loader: loader, cache: cache, limits: options.limits, safeMode: options.safeMode)
        var builder = DatasetBuilder(run: run)
        try builder.add(expanded: expanded)
        return builder.quads
    }
}

/// One-call forms of ``JSONLDProcessor`` (each call has its own empty context cache unless one is given).
public enum JSONLD {
    /// ``JSONLDProcessor/expand(_:documentURL:)`` with a processor made for this call.
    public static func expand(
        _ document: JSONValue, documentURL: String? = nil, options: JSONLDOptions = JSONLDOptions(),
        loader: any DocumentLoader, cache: JSONLDContextCache = JSONLDContextCache()
    ) throws(JSONLDError) -> [JSONValue] {
        try JSONLDProcessor(loader: loader, options: options, cache: cache).expand(document, documentURL: documentURL)
    }

    /// ``JSONLDProcessor/toRDF(_:documentURL:)`` with a processor made for this call.
    public static func toRDF(
        _ document: JSONValue, documentURL: String? = nil, options: JSONLDOptions = JSONLDOptions(),
        loader: any DocumentLoader, cache: JSONLDContextCache = JSONLDContextCache()
    ) throws(JSONLDError) -> [RDFQuad] {
        try JSONLDProcessor(loader: loader, options: options, cache: cache).toRDF(document, documentURL: documentURL)
    }
}
