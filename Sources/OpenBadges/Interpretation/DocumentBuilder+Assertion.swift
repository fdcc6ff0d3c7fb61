import Foundation

extension DocumentBuilder {
    /// OB 2.0 / 1.x `Assertion`, OB 3.0 `OpenBadgeCredential` / `AchievementCredential`.
    mutating func readAssertion(_ object: JSONValue, types: [String], version: OpenBadgesVersion, path: String) -> Visited {
        var id = iri(object.first("id", "@id")?.string)
        let verification = object.first("verification", "verify")
        if id == nil, let hosted = verification?["url"]?.string {
            // OB 1.0 hosted assertions have no id; the verify URL is where they live.
            id = iri(hosted)
        }
        var assertion = Assertion(id: id, types: types, version: version, name: text(object["name"]))
        assertion.issuer = issuerReference(object["issuer"], path: path + ".issuer", version: version)
        let achievement = (object["credentialSubject"]?.values ?? []).lazy.compactMap { $0["achievement"] }.first
        if let badgeValue = object["badge"] ?? achievement {
            let badgePath = path + (object["badge"] != nil ? ".badge" : ".credentialSubject.achievement")
            if badgeValue.isObject, let visited = visit(badgeValue, path: badgePath, hint: .badge, inherited: version) {
                assertion.badge = visited.key
                assertion.issuer = assertion.issuer ?? visited.issuer
            } else {
                assertion.badge = reference(badgeValue)
            }
        }
        assertion.issuedOn = date(object, Self.issuedKeys, path: path)
        assertion.expires = date(object, Self.expiryKeys, path: path)
        assertion.revoked = Self.isTrue(object["revoked"])
        assertion.endorsements = readEndorsementList(object, owner: id, version: version, path: path)
        link(assertion.badge, .badge, source: id)
        link(assertion.issuer, .issuer, source: id)
        record(assertion)
        return Visited(kind: .assertion, key: id, issuer: assertion.issuer)
    }

    /// `issuedOn` (OB 2.0), `issuedon` (seen in third-party code), `validFrom` / `awardedDate` (OB 3.0),
    /// `issuanceDate` (VC Data Model 1.1).
    static let issuedKeys = ["issuedOn", "issuedon", "validFrom", "awardedDate", "issuanceDate"]
    /// `expires` (OB 2.0), `validUntil` (OB 3.0), `expirationDate` (VC Data Model 1.1).
    static let expiryKeys = ["expires", "validUntil", "expirationDate"]

    static func isTrue(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let flag): flag
        case .string(let text): text.lowercased() == "true"
        default: false
        }
    }
}
