import Foundation
import LoopbackWeb
import Synchronization

/// Wraps a responder and remembers every request it answered (host and path), for asserting what a
/// crawl did or did not fetch.
final class RecordingResponder: LoopbackResponder {
    let inner: any LoopbackResponder
    private let log = Mutex<[String]>([])

    init(_ inner: any LoopbackResponder) { self.inner = inner }

    func respond(to request: LoopbackRequest) -> LoopbackResponse {
        log.withLock { $0.append("\(request.host ?? "?")\(request.path)") }
        return inner.respond(to: request)
    }

    /// `host/path` of every request so far, in arrival order.
    var requests: [String] { log.withLock { $0 } }

    func count(of hostAndPath: String) -> Int { requests.filter { $0 == hostAndPath }.count }
}
