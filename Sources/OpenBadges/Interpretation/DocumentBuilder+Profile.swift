import Foundation

extension DocumentBuilder {
    /// OB 2.0 `Profile` / `Issuer`, OB 1.x issuer organisation, OB 3.0 `Profile`.
    mutating func readProfile(_ object: JSONValue, types: [String], version: OpenBadgesVersion, path: String) -> Visited {
        let id = iri(object.first("id", "@id")?.string)
        var profile = Profile(
            id: id, types: types, name: text(object["name"]), description: text(object["description"]),
            url: reference(object["url"]), email: text(object["email"]), version: version)
        profile.imageURL = image(object["image"])
        profile.related = references(object["related"])
        profile.alsoKnownAs = references(object["alsoKnownAs"])
        for entry in object["otherIdentifier"]?.values ?? [] {
            let identifier = entry["identifier"]?.string ?? entry.string
            if let identifier, IRI(identifier).scheme != nil, let found = iri(identifier) {
                profile.alsoKnownAs = Self.union(profile.alsoKnownAs, [found])
            }
        }
        profile.endorsements = readEndorsementList(object, owner: id, version: version, path: path)
        link(profile.url, .homepage, source: id)
        for related in profile.related + profile.alsoKnownAs { link(related, .related, source: id) }
        link(Self.badgrListing(of: id), .listing, source: id)
        record(profile)
        return Visited(kind: .profile, key: id)
    }

    /// Badgr / Canvas Credentials list an issuer's badge classes at `/public/issuers/{id}/badges`
    /// (badgr-server `apps/issuer/public_api_urls.py`); nil for other ids.
    static func badgrListing(of id: IRI?) -> IRI? {
        guard let id, id.isFetchable, var components = URLComponents(string: id.string) else { return nil }
        var segments = components.path.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count == 3, segments[0] == "public", segments[1] == "issuers" else { return nil }
        if segments[2].hasSuffix(".json") { segments[2] = segments[2].dropLast(5) }
        guard !segments[2].isEmpty else { return nil }
        components.path = "/public/issuers/\(segments[2])/badges"
        components.query = nil
        components.fragment = nil
        return components.string.map { IRI($0) }
    }
}
