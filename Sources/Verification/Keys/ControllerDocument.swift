import OpenBadges

/// A DID document or controller document (W3C DID Core 1.0, Controller Documents 1.0): the verification
/// methods it defines and which of them it allows for `assertionMethod`, the purpose credentials are signed
/// for.
public struct ControllerDocument: Sendable, Hashable {
    /// One verification method with a key endorse can read.
    public struct Method: Sendable, Hashable {
        /// The method's absolute id (`did:web:example.com#key-1`).
        public var id: String
        /// Its `controller`, absolute.
        public var controller: String?
        /// The key (`Multikey` / `Ed25519VerificationKey2020` `publicKeyMultibase`, `JsonWebKey2020` or
        /// `JsonWebKey` `publicKeyJwk`, `Ed25519VerificationKey2018` `publicKeyBase58`).
        public var key: PublicKey
    }

    /// The most verification methods read; a document with more is refused.
    public static let maxMethods = 1_000

    /// The document's `id`.
    public var id: String
    /// The readable verification methods, by id.
    public var methods: [String: Method]
    /// The ids of the methods listed (by reference or embedded) in `assertionMethod`.
    public var assertionMethods: Set<String>

    /// Reads a document.
    /// - Throws: ``KeyError`` `.malformedKey` when it is not an object with an `id`, or lists more than
    ///   ``maxMethods`` methods.
    public init(_ json: JSONValue) throws(KeyError) {
        guard let id = json["id"]?.string else { throw KeyError(.malformedKey, "the controller document has no 'id'") }
        self.id = id
        let declared = json["verificationMethod"]?.values ?? []
        let asserting = json["assertionMethod"]?.values ?? []
        guard declared.count + asserting.count <= Self.maxMethods else {
            throw KeyError(.malformedKey, "the controller document lists more than \(Self.maxMethods) verification methods")
        }
        var methods: [String: Method] = [:]
        var assertionMethods: Set<String> = []
        for entry in declared {
            if let method = Self.method(entry, documentID: id) { methods[method.id] = method }
        }
        for entry in asserting {
            if let reference = entry.string {
                assertionMethods.insert(Self.absolute(reference, documentID: id))
            } else if let method = Self.method(entry, documentID: id) {
                methods[method.id] = method
                assertionMethods.insert(method.id)
            }
        }
        self.methods = methods
        self.assertionMethods = assertionMethods
    }

    /// The method `methodID` (absolute or `#fragment`), when the document defines it.
    public func method(_ methodID: String) -> Method? { methods[Self.absolute(methodID, documentID: id)] }

    /// True when `methodID` is listed in `assertionMethod`.
    public func allowsAssertion(by methodID: String) -> Bool {
        assertionMethods.contains(Self.absolute(methodID, documentID: id))
    }

    static func absolute(_ reference: String, documentID: String) -> String {
        reference.hasPrefix("#") ? DIDKey.did(of: documentID) + reference : reference
    }

    private static func method(_ json: JSONValue, documentID: String) -> Method? {
        guard let rawID = json["id"]?.string else { return nil }
        let id = absolute(rawID, documentID: documentID)
        let controller = json["controller"]?.string.map { absolute($0, documentID: documentID) }
        let key: PublicKey?
        if let multibase = json["publicKeyMultibase"]?.string {
            key = try? DIDKey.multikey(multibase[...])
        } else if let jwk = json["publicKeyJwk"] {
            key = try? JWK(jwk).key
        } else if let base58 = json["publicKeyBase58"]?.string, let bytes = Base58.decode(base58[...]) {
            key = try? PublicKey(ed25519: bytes)
        } else {
            key = nil
        }
        return key.map { Method(id: id, controller: controller, key: $0) }
    }
}

/// An OB 2.0 `CryptographicKey` (Open Badges 2.0, "CryptographicKey"): a PEM public key and the profile that
/// owns it. The owner's profile must list the key in `publicKey` for the key to speak for it.
public struct CryptographicKey: Sendable, Hashable {
    /// The key's `id`.
    public var id: String
    /// The `owner` profile IRI.
    public var owner: String?
    /// The key.
    public var key: PublicKey

    /// Reads a `CryptographicKey` object.
    /// - Throws: ``KeyError`` when there is no `publicKeyPem` or it holds no supported key.
    public init(_ json: JSONValue, fallbackID: String) throws(KeyError) {
        guard let pem = json["publicKeyPem"]?.string else {
            throw KeyError(.malformedKey, "the CryptographicKey has no 'publicKeyPem'")
        }
        id = json["id"]?.string ?? fallbackID
        owner = json["owner"]?.string
        key = try PublicKey(pem: pem)
    }
}
