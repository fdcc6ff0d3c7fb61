import OpenBadges

/// What a candidate handed over: the bytes of a file or an upload, or a link.
public enum CheckInput: Sendable, Hashable {
    /// A PNG, SVG, JSON or JWT file's bytes (the kind is sniffed from the bytes, never from a name).
    case bytes([UInt8])
    /// An http(s) URL: a hosted assertion, a credential, or an image.
    case url(IRI)
}

/// Bounds of one check.
public struct CheckLimits: Sendable, Hashable {
    /// The largest input (file, upload or fetched document), in bytes.
    public var maxInputBytes: Int
    /// The most documents one check fetches (assertion, badge, issuer, endorsements, keys and lists together).
    public var maxDocuments: Int
    /// The most endorsement IRIs the badge and issuer list that are fetched.
    public var maxListedEndorsements: Int
    /// The whole check's time budget: fetches not started by then are not made (and said so).
    public var timeBudget: Duration

    public init(maxInputBytes: Int = 5_000_000, maxDocuments: Int = 48, maxListedEndorsements: Int = 16, timeBudget: Duration = .seconds(60)) {
        self.maxInputBytes = maxInputBytes
        self.maxDocuments = maxDocuments
        self.maxListedEndorsements = maxListedEndorsements
        self.timeBudget = timeBudget
    }

    public static let `default` = CheckLimits()
}
