import Synchronization

/// One caller's fetch: the request and the continuation to resume exactly once, whoever finishes first (the
/// transfer, the caller's cancellation or shutdown).
final class FetchJob: Sendable {
    typealias Outcome = Result<FetchResponse, FetchError>

    let request: FetchRequest
    private let state = Mutex(State.created)

    private enum State {
        case created
        case waiting(CheckedContinuation<Outcome, Never>)
        case cancelledBeforeStart
        case done
    }

    init(request: FetchRequest) { self.request = request }

    /// Stores the continuation; false (after resuming it with `cancelled`) when the job was cancelled already.
    func attach(_ continuation: CheckedContinuation<Outcome, Never>) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard case .created = state else {
                state = .done
                return false
            }
            state = .waiting(continuation)
            return true
        }
        if !accepted { continuation.resume(returning: .failure(.cancelled(url: request.url))) }
        return accepted
    }

    /// Resumes the caller with `outcome` unless it was resumed already.
    func complete(_ outcome: Outcome) {
        let continuation = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
            switch state {
            case .waiting(let continuation):
                state = .done
                return continuation
            case .created:
                state = .cancelledBeforeStart
                return nil
            case .cancelledBeforeStart, .done:
                return nil
            }
        }
        continuation?.resume(returning: outcome)
    }

    /// Resumes the caller with `cancelled` now; the loop removes the transfer later.
    func cancel() { complete(.failure(.cancelled(url: request.url))) }

    /// Whether the caller has been resumed (or will be, on attach).
    var isFinished: Bool {
        state.withLock {
            if case .waiting = $0 { return false }
            return true
        }
    }
}
