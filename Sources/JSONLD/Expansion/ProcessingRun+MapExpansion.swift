import OpenBadges

extension ProcessingRun {
    /// Step 13.7: a language map (`@container: @language`) as value objects.
    func expandLanguageMap(
        _ map: [String: JSONValue], definition: TermDefinition?, in active: ActiveContext
    ) throws(JSONLDError) -> JSONValue {
        var expanded: [JSONValue] = []
        var direction = active.defaultDirection
        if let fields = definition?.fields, fields.hasDirectionMapping { direction = fields.direction }
        for language in map.keys.sorted(by: { $0.precedesInCodePointOrder($1) }) {
            let isNone = language == "@none" || Self.expandIRI(language, in: active) == "@none"
            for item in map[language]?.values ?? [] {
                try spend()
                guard case .string = item else {
                    if item == .null { continue }
                    throw JSONLDError(.invalidLanguageMapValue, "the language map entry \(language) must hold strings")
                }
                var value: [String: JSONValue] = ["@value": item]
                if !isNone { value["@language"] = .string(language) }
                if let direction { value["@direction"] = .string(direction) }
                expanded.append(.object(value))
            }
        }
        return .array(expanded)
    }

    /// Step 13.8: an index, id or type map (`@container` with `@index`, `@id` or `@type`) as an array of the
    /// expanded values, each given the key it was filed under.
    func expandIndexMap(
        _ map: [String: JSONValue], key: String, definition: TermDefinition?, container: ContainerMapping,
        state: EntryState
    ) throws(JSONLDError) -> JSONValue {
        let active = state.active
        let indexKey = definition?.fields.indexMapping ?? "@index"
        var expanded: [JSONValue] = []
        for index in map.keys.sorted(by: { $0.precedesInCodePointOrder($1) }) {
            guard let indexValue = map[index] else { continue }
            var mapContext = active
            if !container.isDisjoint(with: [.id, .type]) {
                mapContext = active.previousContext?.context ?? active
            }
            if container.contains(.type), let indexDefinition = mapContext.terms[index], indexDefinition.localContext != nil {
                mapContext = try applyScopedContext(of: indexDefinition, to: mapContext)
            }
            let expandedIndex = Self.expandIRI(index, in: active)
            let items =
                try expand(
                    .array(indexValue.values), active: mapContext, activeProperty: key, baseURL: state.baseURL, fromMap: true,
                    depth: state.depth + 1)?.values ?? []
            for item in items {
                guard case .object(var members) = item else { continue }
                if container.contains(.graph), !Self.isGraphObject(members) {
                    members = ["@graph": .array([item])]
                }
                if container.contains(.index), indexKey != "@index", expandedIndex != "@none" {
                    let reExpanded = expandValue(.string(index), property: indexKey, in: active)
                    let expandedIndexKey = Self.expandIRI(indexKey, in: active) ?? indexKey
                    let existing = members[expandedIndexKey]?.values ?? []
                    members[expandedIndexKey] = .array([reExpanded] + existing)
                    if members["@value"] != nil {
                        throw JSONLDError(.invalidValueObject, "a value in the property index \(key) cannot be indexed")
                    }
                } else if container.contains(.index), members["@index"] == nil, expandedIndex != "@none" {
                    members["@index"] = .string(index)
                } else if container.contains(.id), members["@id"] == nil, expandedIndex != "@none" {
                    let id = Self.expandIRI(index, in: active, vocab: false, documentRelative: true)
                    members["@id"] = id.map(JSONValue.string) ?? .null
                } else if container.contains(.type), expandedIndex != "@none", let expandedIndex {
                    members["@type"] = .array([.string(expandedIndex)] + (members["@type"]?.values ?? []))
                }
                expanded.append(.object(members))
            }
        }
        return .array(expanded)
    }

    /// True for a graph object: an `@graph` entry and nothing but `@id`, `@index` (and `@context`) beside it.
    static func isGraphObject(_ members: [String: JSONValue]) -> Bool {
        guard members["@graph"] != nil else { return false }
        return members.keys.allSatisfy { $0 == "@graph" || $0 == "@id" || $0 == "@index" || $0 == "@context" }
    }
}
