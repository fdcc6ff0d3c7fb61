import Foundation

/// Walks the JSON of one document and accumulates its Open Badges objects (top level and embedded,
/// flattened), its links and its warnings. Internal: ``DocumentParser`` is the public face.
struct DocumentBuilder {
    /// What a visit found: the kind and the id (or, for an endorsement, the key) of the object.
    struct Visited {
        var kind: ObjectKind
        var key: IRI?
        /// The issuer of a visited badge, so that an assertion embedding it can name its issuer.
        var issuer: IRI? = nil
    }

    private struct LinkKey: Hashable {
        var target: IRI
        var reason: LinkReason
    }

    /// Embedded objects deeper than this are not visited (a warning says so); keeps recursion shallow.
    static let maxObjectNesting = 32

    let url: IRI
    let limits: ParserLimits
    var profiles: [Profile] = []
    var badges: [BadgeClass] = []
    var assertions: [Assertion] = []
    var endorsements: [Endorsement] = []
    var links: [Link] = []
    var warnings: [ParseWarning] = []
    private var linkKeys: Set<LinkKey> = []
    private var profileIndex: [IRI: Int] = [:]
    private var badgeIndex: [IRI: Int] = [:]
    private var assertionIndex: [IRI: Int] = [:]
    private var endorsementIndex: [IRI: Int] = [:]
    var nesting = 0

    init(url: IRI, limits: ParserLimits) {
        self.url = url
        self.limits = limits
    }

    /// Visits `value` when it is an Open Badges object, records it (and everything it embeds) and returns
    /// what it was. `hint` is the kind the holding property implies (`issuer` -> profile, ...).
    @discardableResult
    mutating func visit(
        _ value: JSONValue, path: String, hint: ObjectKind?, inherited: OpenBadgesVersion?, jwt: String? = nil
    ) -> Visited? {
        guard value.isObject else { return nil }
        guard nesting < Self.maxObjectNesting else {
            warn("object.tooDeep", "embedded objects nested deeper than \(Self.maxObjectNesting) levels were skipped", path)
            return nil
        }
        nesting += 1
        defer { nesting -= 1 }
        let types = ObjectClassifier.types(of: value)
        guard let kind = ObjectClassifier.kind(of: value, types: types, hint: hint) else { return nil }
        let version = ObjectClassifier.version(of: value, inherited: inherited)
        switch kind {
        case .profile: return readProfile(value, types: types, version: version, path: path)
        case .badge: return readBadge(value, types: types, version: version, path: path)
        case .assertion: return readAssertion(value, types: types, version: version, path: path)
        case .endorsement: return readEndorsement(value, types: types, version: version, path: path, jwt: jwt)
        }
    }

    // MARK: - Reading values

    /// An IRI from a document value, resolved against the document URL; nil for empty text, blank nodes
    /// (`_:b0`) and `data:` URIs.
    func iri(_ text: String?) -> IRI? {
        guard let text else { return nil }
        let trimmed = text.trimmedWhitespace
        guard !trimmed.isEmpty, !trimmed.hasPrefix("_:"), !trimmed.lowercased().hasPrefix("data:") else { return nil }
        return url.resolving(trimmed)
    }

    /// The id of a value that is an IRI string or an object with `id` / `@id` (the first element of an array).
    func reference(_ value: JSONValue?) -> IRI? {
        guard let value else { return nil }
        switch value {
        case .string(let text): return iri(text)
        case .object: return iri(value.first("id", "@id")?.string)
        case .array(let elements): return elements.lazy.compactMap { self.reference($0) }.first
        default: return nil
        }
    }

    /// Every id among the values of a multi-valued property.
    func references(_ value: JSONValue?) -> [IRI] {
        (value?.values ?? []).compactMap { reference($0) }
    }

    /// Text from a string, a language map (`{"en": ..., "fr": ...}`), a JSON-LD value object (`{"@value": ...}`)
    /// or an array of those: the English value when there is one, else the first by language tag.
    func text(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        switch value {
        case .string(let text):
            let trimmed = text.trimmedWhitespace
            return trimmed.isEmpty ? nil : trimmed
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .object(let members):
            if let literal = members["@value"] { return text(literal) }
            let languages = members.keys.sorted()
            guard languages.allSatisfy(Self.isLanguageTag) else { return nil }
            let preferred = languages.first { $0.lowercased() == "en" } ?? languages.first { $0.lowercased().hasPrefix("en-") }
            for language in [preferred].compactMap({ $0 }) + languages {
                if let found = text(members[language]) { return found }
            }
            return nil
        case .array(let elements):
            let english = elements.first { ($0["@language"]?.string ?? "").lowercased().hasPrefix("en") }
            return english.flatMap { text($0) } ?? elements.lazy.compactMap { self.text($0) }.first
        default:
            return nil
        }
    }

    /// BCP 47-shaped keys (`en`, `fr-CA`, `zh-Hant-TW`): what makes an object a language map.
    static func isLanguageTag(_ key: String) -> Bool {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy(\.isLetter) else { return false }
        return parts.dropFirst().allSatisfy { !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isLetter || $0.isNumber } }
    }

    /// A date from the first present member among `keys`; a present but unreadable value gives a warning.
    mutating func date(_ object: JSONValue, _ keys: [String], path: String) -> Date? {
        for key in keys {
            guard let value = object[key], value != .null else { continue }
            if let date = DateParsing.date(from: value) { return date }
            warn("date.unparsed", "the date in '\(key)' could not be read", path + JSONReader.pathComponent(key))
        }
        return nil
    }

    /// An image IRI from a string or an `{id}` object; `data:` URIs are dropped.
    func image(_ value: JSONValue?) -> IRI? { reference(value) }

    // MARK: - Recording

    mutating func warn(_ code: String, _ message: String, _ path: String) {
        guard warnings.count < 200 else { return }
        warnings.append(ParseWarning(code: code, message: message, path: path))
    }

    /// Adds a link when the target is an http(s) IRI not already linked for the same reason.
    mutating func link(_ target: IRI?, _ reason: LinkReason, source: IRI?) {
        guard let target, target.isFetchable else { return }
        guard linkKeys.insert(LinkKey(target: target, reason: reason)).inserted else { return }
        links.append(Link(target: target, reason: reason, source: source))
    }

    mutating func record(_ profile: Profile) {
        guard let id = profile.id else { return profiles.append(profile) }
        guard let index = profileIndex[id] else {
            profileIndex[id] = profiles.count
            return profiles.append(profile)
        }
        var merged = profiles[index]
        merged.name = merged.name ?? profile.name
        merged.description = merged.description ?? profile.description
        merged.url = merged.url ?? profile.url
        merged.email = merged.email ?? profile.email
        merged.imageURL = merged.imageURL ?? profile.imageURL
        merged.endorsements = Self.union(merged.endorsements, profile.endorsements)
        merged.alsoKnownAs = Self.union(merged.alsoKnownAs, profile.alsoKnownAs)
        merged.related = Self.union(merged.related, profile.related)
        profiles[index] = merged
    }

    mutating func record(_ badge: BadgeClass) {
        guard let id = badge.id else { return badges.append(badge) }
        if let index = badgeIndex[id] {
            badges[index].endorsements = Self.union(badges[index].endorsements, badge.endorsements)
        } else {
            badgeIndex[id] = badges.count
            badges.append(badge)
        }
    }

    mutating func record(_ assertion: Assertion) {
        guard let id = assertion.id else { return assertions.append(assertion) }
        if let index = assertionIndex[id] {
            assertions[index].endorsements = Self.union(assertions[index].endorsements, assertion.endorsements)
        } else {
            assertionIndex[id] = assertions.count
            assertions.append(assertion)
        }
    }

    mutating func record(_ endorsement: Endorsement) {
        guard endorsementIndex[endorsement.key] == nil else { return }
        endorsementIndex[endorsement.key] = endorsements.count
        endorsements.append(endorsement)
    }

    static func union(_ first: [IRI], _ second: [IRI]) -> [IRI] {
        var seen = Set(first)
        return first + second.filter { seen.insert($0).inserted }
    }
}
