import OpenBadges

/// The JSON Canonicalization Scheme (RFC 8785) text of a JSON value: the lexical form of `rdf:JSON` literals
/// (JSON-LD 1.1 API section 8.2 step 8) and the cache name of inline contexts. The one place JSON-LD asks for
/// canonical JSON; the serialisation itself is OpenBadges' ``JSONValue/jcsCanonicalBytes``.
enum JSONCanonicalization {
    /// The canonical text of `value`; nil when it is longer than `maxLength` bytes.
    static func text(of value: JSONValue, maxLength: Int = .max) -> String? {
        let bytes = value.jcsCanonicalBytes
        guard bytes.count <= maxLength else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
