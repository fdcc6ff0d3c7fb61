import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Answers of read-only requests kept in memory for one state of the index: an identical request (same path and
/// query string) against the same change token is answered without running its query again.
///
/// Bounded in bytes (each answer's body and key), least recently used first out. When a request arrives with another
/// token than the one the cached answers were made under, they are all dropped: the index changed, and any of them may
/// be stale. The change token is read before the answer is computed, so an answer is never kept under a token newer
/// than its data.
public final class AnswerCache: Sendable {
    /// One kept answer.
    public struct Answer: Sendable {
        public var status: HTTPResponse.Status
        public var contentType: String
        public var body: ByteBuffer

        public init(status: HTTPResponse.Status, contentType: String, body: ByteBuffer) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    /// What the cache did since it was made.
    public struct Statistics: Sendable, Hashable {
        public var hits = 0
        public var misses = 0
        /// Answers dropped to stay within the byte bound.
        public var evictions = 0
        /// Times every answer was dropped because the change token moved.
        public var invalidations = 0
        public var entries = 0
        public var bytes = 0
    }

    /// The default bound: 64 MiB.
    public static let defaultMaxBytes = 64 << 20

    /// The byte bound; 0 keeps nothing.
    public let maxBytes: Int
    private let state: Mutex<State>

    /// - Parameter maxBytes: the most bytes of answers (bodies and keys) kept; 0 turns the cache off.
    public init(maxBytes: Int = AnswerCache.defaultMaxBytes) {
        self.maxBytes = max(0, maxBytes)
        state = Mutex(State())
    }

    /// The answer kept for `key` under `token`, if any (and a hit or a miss counted).
    public func answer(for key: String, token: String) -> Answer? {
        guard maxBytes > 0 else { return nil }
        return state.withLock { state in
            state.adopt(token)
            guard let answer = state.entries.use(key) else {
                state.statistics.misses += 1
                return nil
            }
            state.statistics.hits += 1
            return answer
        }
    }

    /// Keeps `answer` for `key`, made under `token`; an answer larger than a quarter of the bound is not kept.
    public func keep(_ answer: Answer, for key: String, token: String) {
        let cost = answer.body.readableBytes + key.utf8.count + 64
        guard maxBytes > 0, cost <= maxBytes / 4 else { return }
        state.withLock { state in
            state.adopt(token)
            // A request that read an older token finishing after a newer one arrived: its answer may be stale.
            guard state.token == token else { return }
            state.statistics.evictions += state.entries.insert(answer, for: key, cost: cost, maxCost: maxBytes)
        }
    }

    /// Counts so far.
    public var statistics: Statistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.entries = state.entries.count
            statistics.bytes = state.entries.cost
            return statistics
        }
    }

    private struct State {
        var token: String?
        var entries = LeastRecentlyUsed<Answer>()
        var statistics = Statistics()

        /// Drops everything when `token` is not the one the entries were made under. Tokens only move forward, so a
        /// request that read the previous token (in flight while the index changed) does not bring old answers back:
        /// `keep` refuses answers made under any token but the current one.
        mutating func adopt(_ newToken: String) {
            guard newToken != token else { return }
            if token == nil || Self.isNewer(newToken, than: token ?? "") {
                if entries.count > 0 { statistics.invalidations += 1 }
                entries.removeAll()
                token = newToken
            }
        }

        /// Change tokens are `c` and a counter: newer means a larger counter (any other shape: different means newer).
        static func isNewer(_ candidate: String, than current: String) -> Bool {
            guard let new = Int(candidate.dropFirst()), let old = Int(current.dropFirst()) else { return true }
            return new > old
        }
    }
}

/// A map with a cost bound that drops its least recently used entries first: a doubly linked list over an array of
/// slots (indices, not references), so a hit or an insert costs a dictionary lookup and a few index updates.
struct LeastRecentlyUsed<Value> {
    private struct Slot {
        var key: String
        var value: Value
        var cost: Int
        var newer: Int?
        var older: Int?
    }

    private var slots: [Slot] = []
    private var free: [Int] = []
    private var index: [String: Int] = [:]
    private var newest: Int?
    private var oldest: Int?
    private(set) var cost = 0

    var count: Int { index.count }

    /// The value for `key`, now the most recently used.
    mutating func use(_ key: String) -> Value? {
        guard let position = index[key] else { return nil }
        moveToFront(position)
        return slots[position].value
    }

    /// Inserts or replaces `key`, then drops the oldest entries until the total cost is at most `maxCost`. Returns how
    /// many entries were dropped.
    mutating func insert(_ value: Value, for key: String, cost entryCost: Int, maxCost: Int) -> Int {
        if let position = index[key] {
            cost += entryCost - slots[position].cost
            slots[position].value = value
            slots[position].cost = entryCost
            moveToFront(position)
        } else {
            let slot = Slot(key: key, value: value, cost: entryCost, newer: nil, older: nil)
            let position: Int
            if let reused = free.popLast() {
                slots[reused] = slot
                position = reused
            } else {
                slots.append(slot)
                position = slots.count - 1
            }
            index[key] = position
            cost += entryCost
            link(position)
        }
        var dropped = 0
        while cost > maxCost, let last = oldest, last != newest {
            remove(last)
            dropped += 1
        }
        return dropped
    }

    mutating func removeAll() {
        slots.removeAll(keepingCapacity: true)
        free.removeAll(keepingCapacity: true)
        index.removeAll(keepingCapacity: true)
        newest = nil
        oldest = nil
        cost = 0
    }

    private mutating func remove(_ position: Int) {
        unlink(position)
        index[slots[position].key] = nil
        cost -= slots[position].cost
        free.append(position)
    }

    private mutating func moveToFront(_ position: Int) {
        guard newest != position else { return }
        unlink(position)
        link(position)
    }

    /// Puts the slot at the newest end.
    private mutating func link(_ position: Int) {
        slots[position].older = newest
        slots[position].newer = nil
        if let previous = newest { slots[previous].newer = position }
        newest = position
        if oldest == nil { oldest = position }
    }

    private mutating func unlink(_ position: Int) {
        let newer = slots[position].newer
        let older = slots[position].older
        if let newer { slots[newer].older = older } else { newest = older }
        if let older { slots[older].newer = newer } else { oldest = newer }
        slots[position].newer = nil
        slots[position].older = nil
    }
}

extension AnswerCache {
    /// The header that says whether an answer came from the cache (`hit`) or was computed (`miss`).
    static let header = HTTPField.Name("X-Endorse-Cache")!

    /// Answers `request` from the cache when an answer for its path and query string is kept under the request's change
    /// token; otherwise computes it with `compute` off the concurrency pool (``BlockingWork``) and keeps it (5xx
    /// answers are not kept). Requests without a change token (it could not be read) are computed and not kept.
    func respond(
        to request: Request, context: EndorseRequestContext, contentType: String,
        _ compute: @escaping @Sendable () -> (status: HTTPResponse.Status, body: ByteBuffer)
    ) async -> Response {
        let key = request.uri.string
        if let token = context.changeToken, let kept = answer(for: key, token: token) {
            return Self.response(kept, cache: "hit")
        }
        let outcome = await BlockingWork.run { .success(compute()) }
        let computed: Answer
        switch outcome {
        case .success(let (status, body)): computed = Answer(status: status, contentType: contentType, body: body)
        case .failure(let error):
            return Response.json(JSONOutput.errorBody(error), status: error.httpStatus)
        }
        if let token = context.changeToken, computed.status.code < 500 { keep(computed, for: key, token: token) }
        return Self.response(computed, cache: "miss")
    }

    private static func response(_ answer: Answer, cache: String) -> Response {
        Response(
            status: answer.status, headers: [.contentType: answer.contentType, header: cache], body: ResponseBody(byteBuffer: answer.body))
    }
}
