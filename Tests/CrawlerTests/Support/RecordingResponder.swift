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

/// Wraps a responder and finds requests to one host that overlapped: two requests whose arrivals are closer than
/// `window` (below the server's latency, so a request that waited for the previous answer is never counted).
final class OverlapRecorder: LoopbackResponder {
    let inner: any LoopbackResponder
    let window: Double
    private let arrivals = Mutex<[String: [(time: Double, path: String)]]>([:])

    init(_ inner: any LoopbackResponder, window: Duration) {
        self.inner = inner
        self.window = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
    }

    func respond(to request: LoopbackRequest) -> LoopbackResponse {
        let now = Date().timeIntervalSinceReferenceDate
        arrivals.withLock { $0[request.host ?? "?", default: []].append((now, request.path)) }
        return inner.respond(to: request)
    }

    /// The most requests to one host that arrived within one window.
    var peakPerHost: Int { overlaps.peak }

    /// The peak, and the requests (`host/path +milliseconds`) of the first window that reached it.
    var overlaps: (peak: Int, example: [String]) {
        arrivals.withLock { byHost in
            var best = (peak: 0, example: [String]())
            for (host, requests) in byHost {
                let sorted = requests.sorted { $0.time < $1.time }
                var start = 0
                for end in sorted.indices {
                    while sorted[end].time - sorted[start].time >= window { start += 1 }
                    if end - start + 1 > best.peak {
                        best = (end - start + 1, sorted[start...end].map { "\(host)\($0.path) +\(Int(1000 * ($0.time - sorted[start].time))) ms" })
                    }
                }
            }
            return best
        }
    }
}
