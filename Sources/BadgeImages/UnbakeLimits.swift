/// Bounds that keep hostile images from costing unbounded time or memory. Every limit is checked before the work
/// it bounds is done: a chunk's length before its bytes are touched, inflated output as it is produced.
public struct UnbakeLimits: Sendable, Hashable {
    /// Largest image accepted, PNG or SVG, in bytes.
    public var maxImageBytes: Int
    /// Most PNG chunks walked before a payload is found (a payload found earlier is kept when the limit is hit later).
    public var maxChunks: Int
    /// Largest payload text, in UTF-8 bytes, after decompression for compressed `iTXt` / `zTXt` chunks.
    public var maxPayloadBytes: Int
    /// Deepest SVG element nesting.
    public var maxSVGDepth: Int

    /// Creates limits; the defaults are 10 MB images, 10 000 chunks, 1 MB of payload text and 256 nested elements.
    public init(maxImageBytes: Int = 10_000_000, maxChunks: Int = 10_000, maxPayloadBytes: Int = 1_000_000, maxSVGDepth: Int = 256) {
        self.maxImageBytes = maxImageBytes
        self.maxChunks = maxChunks
        self.maxPayloadBytes = maxPayloadBytes
        self.maxSVGDepth = maxSVGDepth
    }

    /// The default limits.
    public static let `default` = UnbakeLimits()
}
