/// The image format a payload was baked into.
public enum ImageFormat: String, Sendable, Hashable {
    /// Portable Network Graphics: the payload is a text chunk.
    case png
    /// Scalable Vector Graphics: the payload is an element's `verify` attribute or body.
    case svg
}
