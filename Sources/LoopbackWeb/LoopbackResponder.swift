/// Decides the response to each request the loopback server receives.
///
/// `respond(to:)` runs on the server's single event-loop thread: keep it quick (reading a small file is fine).
public protocol LoopbackResponder: Sendable {
    /// The scripted response for `request`.
    func respond(to request: LoopbackRequest) -> LoopbackResponse
}

/// A responder made from a closure, for tests that script responses inline.
public struct ClosureResponder: LoopbackResponder {
    private let body: @Sendable (LoopbackRequest) -> LoopbackResponse

    /// Wraps `body`, which is called on the server thread for every request.
    public init(_ body: @escaping @Sendable (LoopbackRequest) -> LoopbackResponse) {
        self.body = body
    }

    /// Calls the wrapped closure.
    public func respond(to request: LoopbackRequest) -> LoopbackResponse { body(request) }
}
