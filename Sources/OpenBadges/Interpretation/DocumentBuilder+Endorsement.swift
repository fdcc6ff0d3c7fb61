import Foundation

extension DocumentBuilder {
    /// OB 2.0 `Endorsement`, OB 3.0 `EndorsementCredential` (also decoded from a JWT, then `jwt` is the token),
    /// or an OB 1.1 endorsement-extension `Assertion`.
    mutating func readEndorsement(
        _ object: JSONValue, types: [String], version: OpenBadgesVersion, path: String, jwt: String?
    ) -> Visited {
        let id = iri(object.first("id", "@id")?.string)
        let issuerValue = object["issuer"]
        var endorser = issuerReference(issuerValue, path: path + ".issuer", version: version)
        let embeddedIssuer = issuerValue?.values.first(where: \.isObject)
        var subject: IRI?
        var comment: String?
        if let extensionObject = ObjectClassifier.endorsementExtension(of: object), extensionObject.isObject {
            subject = iri(object["recipient"]?["identity"]?.string)
            comment = text(extensionObject["description"])
            // The endorser is the issuer of the "endorsement badge"; known here only when the badge is embedded.
            if let badge = object["badge"], badge.isObject,
                let visited = visit(badge, path: path + ".badge", hint: .badge, inherited: version)
            {
                endorser = endorser ?? visited.issuer
            }
            link(reference(object["badge"]), .badge, source: id)
        } else if let claim = object["claim"] {
            subject = reference(claim)
            comment = text(claim["endorsementComment"])
        } else if let credentialSubject = object["credentialSubject"]?.values.first {
            subject = reference(credentialSubject)
            comment = text(credentialSubject["endorsementComment"])
        }
        let key = id ?? Self.syntheticKey(endorser: endorser, subject: subject, object: object)
        var endorsement = Endorsement(
            key: key, id: id, types: types, endorser: endorser, endorserName: text(embeddedIssuer?["name"]), subject: subject,
            comment: comment, revoked: Self.isTrue(object["revoked"]), version: version, jwt: jwt)
        endorsement.issuedOn = date(object, Self.issuedKeys, path: path)
        endorsement.validUntil = date(object, Self.expiryKeys, path: path)
        endorsement.name = text(object["name"])
        endorsement.revocationReason = text(object["revocationReason"])
        endorsement.proofKinds = proofKinds(object, jwt: jwt)
        if jwt == nil, object["proof"] != nil { endorsement.proofDocument = object.jcsCanonical }
        link(endorser, .endorser, source: key)
        link(subject, .endorsementSubject, source: key)
        record(endorsement)
        return Visited(kind: .endorsement, key: key)
    }

    /// `urn:endorse:sha256:<hex>` over the endorser, the subject and the canonical JSON (sorted keys) of the
    /// object: the same endorsement embedded in two documents gets the same key.
    static func syntheticKey(endorser: IRI?, subject: IRI?, object: JSONValue) -> IRI {
        let material = "\(endorser?.string ?? "")\n\(subject?.string ?? "")\n\(object.canonicalJSON)"
        return IRI("urn:endorse:sha256:\(SHA256.hex(material.utf8))")
    }

    /// `hosted` / `signed` from `verification` / `verify`, `<proof type>/<cryptosuite>` for each proof, `jwt`.
    private func proofKinds(_ object: JSONValue, jwt: String?) -> [String] {
        var kinds: [String] = []
        for type in object.first("verification", "verify")?["type"]?.strings ?? [] {
            switch type.lowercased() {
            case "hosted", "hostedbadge": kinds.append("hosted")
            case "signed", "signedbadge": kinds.append("signed")
            default: kinds.append(type)
            }
        }
        for proof in object["proof"]?.values ?? [] {
            guard let type = proof["type"]?.strings.first else { continue }
            kinds.append(proof["cryptosuite"]?.string.map { "\(type)/\($0)" } ?? type)
        }
        if jwt != nil { kinds.append("jwt") }
        var seen = Set<String>()
        return kinds.filter { seen.insert($0).inserted }
    }

    /// The endorsements an object lists in `endorsement` (IRIs or embedded objects, one or many) and
    /// `endorsementJwt` (compact JWS strings): IRIs as written (and linked), keys of embedded ones.
    mutating func readEndorsementList(_ object: JSONValue, owner: IRI?, version: OpenBadgesVersion, path: String) -> [IRI] {
        var listed: [IRI] = []
        for (index, entry) in (object["endorsement"]?.values ?? []).enumerated() {
            let entryPath = "\(path).endorsement[\(index)]"
            switch entry {
            case .string(let text):
                guard let target = iri(text) else { continue }
                listed.append(target)
                link(target, .endorsement, source: owner)
            case .object:
                if let visited = visit(entry, path: entryPath, hint: .endorsement, inherited: version), let key = visited.key {
                    listed.append(key)
                } else {
                    warn("endorsement.unrecognized", "an embedded endorsement could not be read", entryPath)
                }
            default:
                warn("property.wrongType", "an endorsement must be an IRI or an object", entryPath)
            }
        }
        for (index, entry) in (object["endorsementJwt"]?.values ?? []).enumerated() {
            let entryPath = "\(path).endorsementJwt[\(index)]"
            guard let token = entry.string else {
                warn("property.wrongType", "an endorsementJwt entry must be a compact JWS string", entryPath)
                continue
            }
            do {
                let jws = try CompactJWS(token: token, limits: limits, path: entryPath)
                let visited = visit(jws.credential, path: entryPath, hint: .endorsement, inherited: .v3_0, jwt: jws.token)
                if let key = visited?.key { listed.append(key) }
            } catch {
                warn("jwt.malformed", error.reason, entryPath)
            }
        }
        var seen = Set<IRI>()
        return listed.filter { seen.insert($0).inserted }
    }
}
