import Foundation
import Hummingbird

/// The request context of the endorse server: Hummingbird's basic context with endorse's JSON settings
/// (sorted keys, unescaped slashes, ISO 8601 dates) for anything Hummingbird encodes itself.
public struct EndorseRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    public var responseEncoder: JSONEncoder { JSONOutput.makeEncoder() }
}
