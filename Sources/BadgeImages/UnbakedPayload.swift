/// The payload taken from a baked badge image by ``BakedBadge/unbake(_:limits:)``.
public struct UnbakedPayload: Sendable, Hashable {
    /// The image format the payload was baked into.
    public var imageFormat: ImageFormat
    /// The specification the chunk keyword or element namespace names.
    public var standard: BakedStandard
    /// The chunk or element (and part) the payload came from.
    public var source: PayloadSource
    /// The payload, classified.
    public var kind: PayloadKind
    /// For an SVG element carrying both a `verify` attribute and a body (the Open Badges 1.x/2.0 hosted style,
    /// `verify` = the hosted URL, body = a copy of the assertion): the body, classified. ``kind`` is then the
    /// `verify` attribute, which names the authoritative hosted copy. Nil otherwise, and when the body is not a
    /// readable payload (an ``UnbakeWarning/Code/unreadableBody`` warning says why).
    public var embeddedCopy: PayloadKind?
    /// Oddities that did not prevent reading, in the order they were seen.
    public var warnings: [UnbakeWarning]

    /// A payload found in `source`.
    public init(
        imageFormat: ImageFormat, standard: BakedStandard, source: PayloadSource, kind: PayloadKind, embeddedCopy: PayloadKind? = nil,
        warnings: [UnbakeWarning] = []
    ) {
        self.imageFormat = imageFormat
        self.standard = standard
        self.source = source
        self.kind = kind
        self.embeddedCopy = embeddedCopy
        self.warnings = warnings
    }
}
