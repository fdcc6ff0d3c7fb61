import OpenBadges

/// The `did:key` method (W3C CCG did:key 0.9): the DID is the multibase-encoded, multicodec-prefixed public key
/// itself, so it resolves offline. Ed25519 (`z6Mk...`) and P-256 (`zDn...`) keys are read.
public enum DIDKey {
    /// The key a `did:key` DID (or a DID URL with a fragment) names.
    /// - Throws: ``KeyError`` when the identifier is not base58btc multibase, has an unknown multicodec, or the
    ///   key bytes are invalid.
    public static func key(of did: String) throws(KeyError) -> PublicKey {
        guard did.hasPrefix("did:key:") else { throw KeyError(.malformedKey, "'\(did)' is not a did:key DID") }
        let identifier = did.dropFirst("did:key:".count).prefix { $0 != "#" }
        return try multikey(identifier)
    }

    /// The key a `publicKeyMultibase` value holds: multibase base58btc of a multicodec-prefixed key
    /// (`Multikey`, `Ed25519VerificationKey2020`).
    /// - Throws: ``KeyError`` as for ``key(of:)``.
    public static func multikey(_ text: Substring) throws(KeyError) -> PublicKey {
        guard let bytes = Multibase.decodeBase58btc(text) else {
            throw KeyError(.malformedKey, "'\(text.prefix(60))' is not a base58btc multibase value")
        }
        guard let (codec, key) = Multicodec.split(bytes) else {
            throw KeyError(.unsupportedKey, "the multikey's codec is neither ed25519-pub nor p256-pub")
        }
        switch codec {
        case .ed25519Public: return try PublicKey(ed25519: key)
        case .p256Public: return try PublicKey(p256Compressed: key)
        }
    }

    /// The DID part of a DID URL: everything before `#`, `?` or `/` after the method-specific id.
    static func did(of didURL: String) -> String {
        String(didURL.prefix { $0 != "#" && $0 != "?" })
    }
}
