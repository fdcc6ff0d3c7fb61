import Foundation
import LoopbackWeb
import Synchronization

/// Wraps a responder and remembers every request it answered (host and path), for asserting what a
/// crawl did or did not fetch.
final class RecordingResponder: LoopbackResponder {
    let inner: any LoopbackResponder
    private let log = Mutex<[String]>([])
    private let conditional = Mutex(0)

    init(_ inner: any LoopbackResponder) { self.inner = inner }

    func respond(to request: LoopbackRequest) -> LoopbackResponse {
        log.withLock { $0.append("\(request.host ?? "?")\(request.path)") }
        if request.header("If-None-Match") != nil || request.header("If-Modified-Since") != nil { conditional.withLock { $0 += 1 } }
        return inner.respond(to: request)
    }

    /// `host/path` of every request so far, in arrival order.
    var requests: [String] { log.withLock { $0 } }

    /// Requests that carried `If-None-Match` or `If-Modified-Since`.
    var conditionalRequests: Int { conditional.withLock { $0 } }

    func count(of hostAndPath: String) -> Int { requests.filter { $0 == hostAndPath }.count }
}
