import OpenBadges

/// Decides whether the key that made a valid signature belongs to the issuer.
struct KeyBinder {
    let issuer: String?

    func binding(of signer: KeyCandidate, documents: inout Documents) -> Fact<KeyBindingState> {
        guard let issuer else { return Fact(.unbound, "the credential names no issuer") }
        switch signer.origin {
        case .didKey(let did):
            return sameParty(did, issuer) ? Fact(.bound, "the issuer's did:key") : Fact(.unbound, "the key is \(did), the issuer is \(issuer)")
        case .controllerDocument(let documentID, let methodID, let allowsAssertion):
            guard sameParty(documentID, issuer) else {
                return issuer.hasPrefix("did:") && documentID.hasPrefix("did:")
                    ? Fact(.boundToOther, "the key \(methodID) belongs to \(documentID), not the issuer \(issuer)")
                    : Fact(.unbound, "the key \(methodID) is \(documentID)'s, the issuer is \(issuer)")
            }
            return allowsAssertion
                ? Fact(.bound, "listed in \(documentID)'s assertionMethod")
                : Fact(.unbound, "\(methodID) is not listed in \(documentID)'s assertionMethod")
        case .jwkSet(let url):
            return url == Self.wellKnownJWKS(of: issuer)
                ? Fact(.bound, "in the issuer origin's \(url)")
                : Fact(.unbound, "the JWK Set \(url) is not the issuer origin's /.well-known/jwks.json")
        case .jwkDocument(let url):
            return keyPublishedByIssuer(signer.key, documents: &documents)
                ?? Fact(.unbound, "the key at \(url) is not in the issuer's DID document or its origin's /.well-known/jwks.json")
        case .header:
            return keyPublishedByIssuer(signer.key, documents: &documents)
                ?? Fact(.unbound, "the key comes from the token's own header, and the issuer does not publish it")
        case .cryptographicKey(let id, let owner):
            return ob2Binding(keyID: id, owner: owner, documents: &documents)
        }
    }

    /// OB 2.0: the key's `owner` is the issuer, and the issuer profile lists the key in `publicKey`.
    private func ob2Binding(keyID: String, owner: String?, documents: inout Documents) -> Fact<KeyBindingState> {
        guard let issuer else { return Fact(.unbound, "no issuer") }
        guard let owner else { return Fact(.unbound, "the key \(keyID) names no owner") }
        guard sameParty(owner, issuer) else { return Fact(.boundToOther, "the key \(keyID) is owned by \(owner), not the issuer \(issuer)") }
        switch documents.json(at: issuer) {
        case .failure(let failure):
            return Fact(.unbound, "the issuer profile could not be read: \(failure.reason)")
        case .success(let profile):
            let listed = (profile["publicKey"]?.values ?? []).compactMap(identifier)
            return listed.contains(where: { sameParty($0, keyID) })
                ? Fact(.bound, "owned by the issuer and listed in its publicKey")
                : Fact(.unbound, "the issuer profile does not list \(keyID) in publicKey")
        }
    }

    /// Bound when the issuer publishes `key` itself: it is its did:key, a method in its DID document's
    /// assertionMethod, or a key of its origin's JWK Set. Nil when it does not (or that cannot be had).
    private func keyPublishedByIssuer(_ key: PublicKey, documents: inout Documents) -> Fact<KeyBindingState>? {
        guard let issuer else { return nil }
        if issuer.hasPrefix("did:key:") {
            return (try? DIDKey.key(of: issuer)) == key ? Fact(.bound, "the issuer's did:key") : nil
        }
        if issuer.hasPrefix("did:web:") {
            guard let url = DIDWeb.documentURL(of: issuer), case .success(let json) = documents.json(at: url.string),
                let document = try? ControllerDocument(json), sameParty(document.id, issuer)
            else { return nil }
            let listed = document.methods.values.contains { $0.key == key && document.allowsAssertion(by: $0.id) }
            return listed ? Fact(.bound, "listed in \(issuer)'s assertionMethod") : nil
        }
        guard let url = Self.wellKnownJWKS(of: issuer), case .success(let json) = documents.json(at: url.string),
            let set = try? JWKSet(json), set.keys.contains(where: { $0.key == key })
        else { return nil }
        return Fact(.bound, "in the issuer origin's \(url)")
    }

    /// `https://ORIGIN/.well-known/jwks.json` of an https issuer; nil for other issuers.
    static func wellKnownJWKS(of issuer: String) -> IRI? {
        guard let origin = IRI(issuer).origin, origin.hasPrefix("https://") else { return nil }
        return IRI(origin + "/.well-known/jwks.json")
    }
}
