import Foundation

/// Decides what kind of Open Badges object a JSON object is, and which version it follows.
enum ObjectClassifier {
    /// The `type` / `@type` values as written (a string or an array of strings), empty strings dropped.
    static func types(of object: JSONValue) -> [String] {
        let raw = (object["type"]?.strings ?? []) + (object["@type"]?.strings ?? [])
        return raw.map(\.trimmedWhitespace).filter { !$0.isEmpty }
    }

    /// The term of a type after any prefix: `https://w3id.org/openbadges#BadgeClass` -> `BadgeClass`,
    /// `extensions:Endorsement` -> `Endorsement`, `obi:Assertion` -> `Assertion`.
    static func localName(_ type: String) -> Substring {
        guard let cut = type.lastIndex(where: { $0 == "#" || $0 == "/" || $0 == ":" }) else { return type[...] }
        return type[type.index(after: cut)...]
    }

    private static let kindsByType: [Substring: ObjectKind] = [
        "Endorsement": .endorsement, "EndorsementCredential": .endorsement,
        "Assertion": .assertion, "OpenBadgeCredential": .assertion, "AchievementCredential": .assertion,
        "BadgeClass": .badge, "Achievement": .badge,
        "Profile": .profile, "Issuer": .profile,
    ]

    /// Types that name a credential container, not a specific kind: the shape decides.
    private static let genericTypes: Set<Substring> = ["VerifiableCredential", "Credential"]

    /// The member carrying the OB 1.1 endorsement extension, if `object` has one.
    static func endorsementExtension(of object: JSONValue) -> JSONValue? {
        object["extensions:Endorsement"] ?? object["https://w3id.org/openbadges/extensions#Endorsement"]
    }

    /// The kind by declared type, then by shape, then by the property that holds the object (`hint`).
    /// Returns nil for objects of another declared type (`RevocationList`, `Image`, ...) or no known shape.
    static func kind(of object: JSONValue, types: [String], hint: ObjectKind?) -> ObjectKind? {
        if endorsementExtension(of: object)?.isObject == true { return .endorsement }
        let names = types.map(localName)
        for kind in [ObjectKind.endorsement, .assertion, .badge, .profile] where names.contains(where: { kindsByType[$0] == kind }) {
            return kind
        }
        if names.contains(where: { !genericTypes.contains($0) }) { return nil }
        if object["claim"] != nil { return .endorsement }
        let subjects = object["credentialSubject"]?.values ?? []
        if subjects.contains(where: { subject in subject.isObject && Self.types(of: subject).contains { localName($0) == "EndorsementSubject" } }) {
            return .endorsement
        }
        if subjects.contains(where: { $0["achievement"] != nil }) { return .assertion }
        if object["badge"] != nil, object["recipient"] != nil { return .assertion }
        if let hint { return hint }
        if object["criteria"] != nil { return .badge }
        if object["name"] != nil, object["url"] != nil || object["email"] != nil { return .profile }
        return nil
    }

    /// The version an object follows, by its own `@context` (as the IMS validator's
    /// `_detect_openbadges_version`, extended to OB 3.0 contexts), else the enclosing object's version,
    /// else, for a top-level object without context, OB 3.0 when it has a `credentialSubject`,
    /// OB 0.5 when `recipient` is a string, OB 1.0 otherwise.
    static func version(of object: JSONValue, inherited: OpenBadgesVersion?) -> OpenBadgesVersion {
        if let context = object["@context"] {
            switch context {
            case .string(let text):
                return version(ofContext: text) ?? .v2_0
            case .array(let entries):
                let found = entries.compactMap { $0.string.flatMap(version(ofContext:)) }
                for candidate in [OpenBadgesVersion.v3_0, .v2_0, .v1_1] where found.contains(candidate) { return candidate }
                return inherited ?? .v2_0
            default:
                return .v2_0
            }
        }
        if let inherited { return inherited }
        if object["credentialSubject"] != nil { return .v3_0 }
        if object["recipient"]?.string != nil { return .v0_5 }
        return .v1_0
    }

    private static func version(ofContext text: String) -> OpenBadgesVersion? {
        switch text {
        case "https://w3id.org/openbadges/v2": return .v2_0
        case "https://w3id.org/openbadges/v1": return .v1_1
        case "https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1": return .v3_0
        default: break
        }
        let lower = text.lowercased()
        if lower.contains("/ob/v3p0") || lower.contains("ob_v3p0") || lower.contains("/credentials/v2")
            || lower.contains("2018/credentials")
        {
            return .v3_0
        }
        if lower.contains("openbadges/v2") || lower.contains("openbadges/v2p") { return .v2_0 }
        if lower.contains("openbadges/v1") { return .v1_1 }
        return nil
    }
}
