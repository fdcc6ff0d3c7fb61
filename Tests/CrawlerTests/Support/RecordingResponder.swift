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

/// Wraps a responder and sends a signal to a process when the `after`-th request arrives (once), so a
/// test stops a crawler mid-crawl at a known point whatever the machine's load.
final class SignallingResponder: LoopbackResponder {
    let inner: any LoopbackResponder
    let after: Int
    private let state = Mutex<(count: Int, target: (pid: Int32, signal: Int32)?)>((0, nil))

    init(_ inner: any LoopbackResponder, after: Int) {
        self.inner = inner
        self.after = after
    }

    /// Arms the trigger for process `pid`.
    func arm(pid: Int32, signal: Int32) { state.withLock { $0.target = (pid, signal) } }

    func respond(to request: LoopbackRequest) -> LoopbackResponse {
        let fire = state.withLock { state -> (pid: Int32, signal: Int32)? in
            state.count += 1
            guard state.count >= after, let target = state.target else { return nil }
            state.target = nil
            return target
        }
        if let fire { kill(fire.pid, fire.signal) }
        return inner.respond(to: request)
    }
}
