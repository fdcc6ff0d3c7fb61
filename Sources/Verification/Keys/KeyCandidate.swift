import OpenBadges

/// A key that may have made a signature, and where it came from (which decides what binds it to the issuer).
struct KeyCandidate {
    /// Where the key was found.
    enum Origin {
        /// A `did:key` DID (the key is the DID).
        case didKey(did: String)
        /// A verification method of the controller or DID document `documentID`.
        case controllerDocument(documentID: String, methodID: String, allowsAssertion: Bool)
        /// A key of the JWK Set at `url`.
        case jwkSet(url: IRI)
        /// A lone JWK served at `url`.
        case jwkDocument(url: IRI)
        /// The `jwk` header parameter of the token itself.
        case header
        /// An OB 2.0 `CryptographicKey`.
        case cryptographicKey(id: String, owner: String?)
    }

    var key: PublicKey
    var keyID: String
    var origin: Origin
}

/// Why no key could be had, as the signature fact to report.
struct KeyProblem: Error {
    let fact: Fact<SignatureState>

    static func unavailable(_ reason: String) -> KeyProblem { KeyProblem(fact: Fact(.keyUnavailable, reason)) }

    static func from(_ error: KeyError, _ context: String) -> KeyProblem {
        KeyProblem(fact: Fact(error.code == .unsupportedKey ? .unsupported : .keyUnavailable, "\(context): \(error.reason)"))
    }
}

/// Finds the candidate keys of a token: the header's `jwk`, its `kid` (a DID URL or an http(s) URL to a JWK, a
/// JWK Set, a controller document or an OB 2.0 key), OB 2.0 `verification.creator`, or else the issuer's own
/// keys (its `did:key`, its DID document's assertion methods, its origin's `/.well-known/jwks.json`).
struct KeyResolver {
    /// The key the token carries itself (the JWS `jwk` header parameter).
    let embeddedKey: JSONValue?
    /// The key named: a JWS `kid`, or a Data Integrity proof's `verificationMethod`.
    let keyID: String?
    let form: CredentialForm
    let credential: JSONValue
    let issuer: String?

    /// The resolver of a compact JWS's key.
    init(jws: SignedToken, form: CredentialForm, credential: JSONValue, issuer: String?) {
        self.init(embeddedKey: jws.header["jwk"], keyID: jws.keyID, form: form, credential: credential, issuer: issuer)
    }

    init(embeddedKey: JSONValue?, keyID: String?, form: CredentialForm, credential: JSONValue, issuer: String?) {
        self.embeddedKey = embeddedKey
        self.keyID = keyID
        self.form = form
        self.credential = credential
        self.issuer = issuer
    }

    func candidates(documents: inout Documents) -> Result<[KeyCandidate], KeyProblem> {
        if let jwk = embeddedKey {
            do {
                return .success([KeyCandidate(key: try JWK(jwk).key, keyID: "jwk", origin: .header)])
            } catch {
                return .failure(.from(error, "the header's jwk"))
            }
        }
        let kid = keyID
        if let kid, kid.hasPrefix("did:") { return didKeys(kid, documents: &documents) }
        if let kid, IRI(kid).isFetchable { return keysAt(kid, documents: &documents) }
        if form == .ob2Signed, let creator = identifier(credential["verification"]?["creator"]) {
            return keysAt(creator, documents: &documents)
        }
        return issuerKeys(matching: kid, documents: &documents)
    }

    /// A DID URL: `did:key` offline, `did:web` through its DID document.
    private func didKeys(_ didURL: String, documents: inout Documents) -> Result<[KeyCandidate], KeyProblem> {
        if didURL.hasPrefix("did:key:") {
            do {
                return .success([KeyCandidate(key: try DIDKey.key(of: didURL), keyID: didURL, origin: .didKey(did: DIDKey.did(of: didURL)))])
            } catch {
                return .failure(.from(error, didURL))
            }
        }
        guard didURL.hasPrefix("did:web:") else {
            let method = didURL.split(separator: ":").dropFirst().first.map(String.init) ?? ""
            return .failure(KeyProblem(fact: Fact(.unsupported, "the DID method '\(method)' is not resolved (did:key and did:web are)")))
        }
        guard let url = DIDWeb.documentURL(of: didURL) else { return .failure(.unavailable("'\(didURL)' is not a well-formed did:web")) }
        let document: ControllerDocument
        switch controllerDocument(at: url.string, documents: &documents) {
        case .success(let found): document = found
        case .failure(let problem): return .failure(problem)
        }
        guard document.id == DIDKey.did(of: didURL) else {
            return .failure(.unavailable("the DID document at \(url) is for \(document.id), not \(DIDKey.did(of: didURL))"))
        }
        if didURL.contains("#") {
            guard let method = document.method(didURL) else {
                return .failure(.unavailable("the DID document at \(url) has no readable method \(didURL)"))
            }
            return .success([candidate(method, in: document)])
        }
        return .success(
            document.methods.values.filter { document.allowsAssertion(by: $0.id) }.sorted { $0.id < $1.id }.map { candidate($0, in: document) })
    }

    /// An http(s) key URL: a JWK, a JWK Set (the fragment or `kid` picks the key), a controller document, or an
    /// OB 2.0 `CryptographicKey`.
    private func keysAt(_ reference: String, documents: inout Documents) -> Result<[KeyCandidate], KeyProblem> {
        let json: JSONValue
        switch documents.json(at: reference) {
        case .success(let document): json = document
        case .failure(let failure): return .failure(.unavailable(failure.reason))
        }
        let url = Documents.documentURL(reference)
        do {
            if json["publicKeyPem"] != nil {
                let key = try CryptographicKey(json, fallbackID: reference)
                return .success([KeyCandidate(key: key.key, keyID: key.id, origin: .cryptographicKey(id: key.id, owner: key.owner))])
            }
            if json["kty"] != nil {
                return .success([KeyCandidate(key: try JWK(json).key, keyID: reference, origin: .jwkDocument(url: url))])
            }
            if json["keys"] != nil {
                // A `kid` URL picks its key by fragment; sets name keys by the fragment or by the whole URL.
                let fragment = reference.contains("#") ? String(reference.split(separator: "#", maxSplits: 1)[1]) : nil
                let set = try JWKSet(json)
                if set.keys.contains(where: { $0.keyID == reference }) { return jwkSetKeys(set, url: url, kid: reference) }
                return jwkSetKeys(set, url: url, kid: fragment ?? keyID)
            }
            if json["verificationMethod"] != nil || json["assertionMethod"] != nil {
                let document = try ControllerDocument(json)
                if let method = document.method(reference) { return .success([candidate(method, in: document)]) }
                return .failure(.unavailable("the controller document at \(url) has no readable method \(reference)"))
            }
        } catch {
            return .failure(.from(error, "the key at \(url)"))
        }
        return .failure(.unavailable("the document at \(url) is not a key, key set or controller document"))
    }

    /// The issuer's own keys, when the token names none.
    private func issuerKeys(matching kid: String?, documents: inout Documents) -> Result<[KeyCandidate], KeyProblem> {
        guard let issuer else { return .failure(.unavailable("the token names no key and no issuer")) }
        if issuer.hasPrefix("did:") {
            return didKeys(kid.map { issuer + "#" + $0.drop(while: { $0 == "#" }) } ?? issuer, documents: &documents)
        }
        guard let origin = IRI(issuer).origin, origin.hasPrefix("https://") else {
            return .failure(.unavailable("the token names no key, and the issuer \(issuer) is not an https origin with a JWK Set"))
        }
        let url = IRI(origin + "/.well-known/jwks.json")
        let json: JSONValue
        switch documents.json(at: url.string) {
        case .success(let document): json = document
        case .failure(let failure): return .failure(.unavailable("the token names no key; the issuer's JWK Set: \(failure.reason)"))
        }
        do {
            return jwkSetKeys(try JWKSet(json), url: url, kid: kid)
        } catch {
            return .failure(.from(error, "the JWK Set at \(url)"))
        }
    }

    private func jwkSetKeys(_ set: JWKSet, url: IRI, kid: String?) -> Result<[KeyCandidate], KeyProblem> {
        let chosen = kid.map { kid in set.keys.filter { $0.keyID == kid } } ?? set.keys
        guard !chosen.isEmpty else {
            return .failure(.unavailable("the JWK Set at \(url) has no usable key\(kid.map { " with kid '\($0)'" } ?? "")"))
        }
        return .success(chosen.map { KeyCandidate(key: $0.key, keyID: url.string + ($0.keyID.map { "#" + $0 } ?? ""), origin: .jwkSet(url: url)) })
    }

    private func controllerDocument(at url: String, documents: inout Documents) -> Result<ControllerDocument, KeyProblem> {
        switch documents.json(at: url) {
        case .failure(let failure): return .failure(.unavailable(failure.reason))
        case .success(let json):
            do {
                return .success(try ControllerDocument(json))
            } catch {
                return .failure(.from(error, "the DID document at \(url)"))
            }
        }
    }

    private func candidate(_ method: ControllerDocument.Method, in document: ControllerDocument) -> KeyCandidate {
        KeyCandidate(
            key: method.key, keyID: method.id,
            origin: .controllerDocument(documentID: document.id, methodID: method.id, allowsAssertion: document.allowsAssertion(by: method.id)))
    }
}
