import Foundation

extension DocumentBuilder {
    /// OB 2.0 / 1.x `BadgeClass`, OB 3.0 `Achievement`.
    mutating func readBadge(_ object: JSONValue, types: [String], version: OpenBadgesVersion, path: String) -> Visited {
        let id = iri(object.first("id", "@id")?.string)
        var badge = BadgeClass(
            id: id, types: types, name: text(object["name"]), description: text(object["description"]), version: version)
        badge.issuer = issuerReference(object.first("issuer", "creator"), path: path + ".issuer", version: version)
        badge.tags = (object.first("tags", "tag")?.values ?? []).compactMap { text($0) }
        if let criteria = object["criteria"] {
            if criteria.isObject {
                badge.criteriaURL = iri(criteria.first("id", "@id")?.string)
                badge.criteriaNarrative = text(criteria["narrative"])
            } else {
                badge.criteriaURL = reference(criteria)
            }
        }
        let alignments = (object["alignment"]?.values ?? []) + (object["alignments"]?.values ?? [])
        badge.alignmentNames = alignments.compactMap { text($0["targetName"]) }
        badge.imageURL = image(object["image"])
        badge.related = references(object["related"])
        badge.endorsements = readEndorsementList(object, owner: id, version: version, path: path)
        link(badge.issuer, .issuer, source: id)
        for related in badge.related { link(related, .related, source: id) }
        record(badge)
        return Visited(kind: .badge, key: id, issuer: badge.issuer)
    }

    /// An `issuer` / `creator` given as an IRI or an embedded profile (which is then recorded too).
    mutating func issuerReference(_ value: JSONValue?, path: String, version: OpenBadgesVersion) -> IRI? {
        guard let value else { return nil }
        if let embedded = value.values.first(where: \.isObject) {
            return visit(embedded, path: path, hint: .profile, inherited: version)?.key ?? reference(embedded)
        }
        return reference(value)
    }
}
