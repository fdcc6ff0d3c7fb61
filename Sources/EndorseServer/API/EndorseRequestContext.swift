import Foundation
import Hummingbird
import NIOCore

/// The request context of the endorse server: Hummingbird's basic context with endorse's JSON settings
/// (sorted keys, unescaped slashes, ISO 8601 dates) for anything Hummingbird encodes itself.
public struct EndorseRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connected client.
    public let remoteAddress: SocketAddress?
    /// The index's change token, read before the handler runs (``ConditionalGetMiddleware``); nil for answers that do
    /// not come from the index.
    public var changeToken: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address (what the check routes' rate limit counts by), or `unknown`.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }

    public var responseEncoder: JSONEncoder { JSONOutput.makeEncoder() }
}
