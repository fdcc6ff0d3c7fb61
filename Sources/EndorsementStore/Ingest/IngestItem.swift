import OpenBadges

/// One fetch with what its document said, for recording many in one transaction.
public struct IngestItem: Sendable, Hashable {
    public var fetch: FetchRecord
    /// Nil when the body is not Open Badges or could not be parsed.
    public var parsed: ParsedDocument?
    /// Why `parsed` is nil, when parsing failed.
    public var parseError: String?
    /// Checks of the document's signed copies made before the write (``OfflineCheck/checks(of:now:)``): the
    /// linker uses them instead of checking those tokens in its transaction.
    public var offlineChecks: [OfflineCheck]

    public init(fetch: FetchRecord, parsed: ParsedDocument?, parseError: String? = nil, offlineChecks: [OfflineCheck] = []) {
        self.fetch = fetch
        self.parsed = parsed
        self.parseError = parseError
        self.offlineChecks = offlineChecks
    }
}

/// The keys a transaction changed, so that only their merged rows and links are recomputed.
struct TouchedKeys {
    var profiles: Set<String> = []
    var badges: Set<String> = []
    var assertions: Set<String> = []
    var endorsements: Set<String> = []
    /// Keys whose documents or objects changed: endorsements targeting them are recomputed.
    var targets: Set<String> = []

    mutating func insert(key: String, kind: String) {
        switch kind {
        case "profile": profiles.insert(key)
        case "badge": badges.insert(key)
        case "assertion": assertions.insert(key)
        case "endorsement": endorsements.insert(key)
        default: break
        }
        targets.insert(key)
    }
}
