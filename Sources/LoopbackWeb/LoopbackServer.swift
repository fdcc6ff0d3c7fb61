import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 for tests, the offline demo and benchmarks.
///
/// It listens on a port the OS chooses, serves keep-alive connections from one event-loop thread (epoll(7), so
/// thousands of idle or slow connections cost no threads), and asks its responder for every request. `stop()`
/// closes the listener and every connection and returns when the thread has finished; it is idempotent and also
/// runs on deinit. A HEAD request gets the head a GET would get (same Content-Length), without a body.
public final class LoopbackServer: Sendable {
    /// The TCP port on 127.0.0.1.
    public let port: Int
    private let loop: ServerLoop

    /// Starts serving on 127.0.0.1 at an ephemeral port.
    /// - Parameters:
    ///   - responder: decides every response; called on the server thread.
    ///   - latency: added before every response (on top of each response's own `delay`), e.g. 20 ms to mimic a network.
    /// - Throws: `LoopbackServerError` when the socket cannot be set up.
    public init(responder: some LoopbackResponder, latency: Duration = .zero) throws {
        let listener = try ListeningSocket()
        self.port = listener.port
        self.loop = try ServerLoop(listener: listener, responder: responder, latency: latency)
        loop.start()
    }

    /// Starts serving with a closure as the responder (see `init(responder:latency:)`).
    public convenience init(latency: Duration = .zero, _ respond: @escaping @Sendable (LoopbackRequest) -> LoopbackResponse) throws {
        try self.init(responder: ClosureResponder(respond), latency: latency)
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The number of connections currently open (for tests that check clean-up).
    public var openConnections: Int { loop.openConnections }

    /// Stops accepting, closes every connection and the listener, and waits for the server thread to finish.
    public func stop() { loop.stop() }

    deinit { loop.stop() }
}

/// Why a loopback server could not start.
public struct LoopbackServerError: Error, Sendable, CustomStringConvertible {
    /// The failing system call.
    public var operation: String
    /// `errno` after the call.
    public var errno: Int32

    /// What happened and what to check.
    public var description: String {
        "loopback server: \(operation) failed: \(String(cString: strerror(errno))); check the file-descriptor limit (ulimit -n)"
    }
}
