import HTTPTypes
import NIOCore
import Testing

@testable import EndorseServer

/// The server's cache of answers: bounded in bytes, least recently used out first, emptied when the index changes.
struct AnswerCacheTests {
    func answer(_ text: String) -> AnswerCache.Answer {
        AnswerCache.Answer(status: .ok, contentType: "application/json", body: ByteBuffer(string: text))
    }

    func body(_ cache: AnswerCache, _ key: String, _ token: String) -> String? {
        cache.answer(for: key, token: token).map { String(buffer: $0.body) }
    }

    @Test func keepsAnswersPerKeyAndToken() {
        let cache = AnswerCache(maxBytes: 10_000)
        #expect(body(cache, "/a", "c1") == nil)
        cache.keep(answer("A"), for: "/a", token: "c1")
        cache.keep(answer("B"), for: "/b", token: "c1")
        #expect(body(cache, "/a", "c1") == "A")
        #expect(body(cache, "/b", "c1") == "B")
        #expect(cache.statistics.hits == 2 && cache.statistics.misses == 1)
        // The index changed: nothing kept is answered, and an answer made under the old token is not kept.
        #expect(body(cache, "/a", "c2") == nil)
        #expect(cache.statistics.entries == 0 && cache.statistics.invalidations == 1)
        cache.keep(answer("stale"), for: "/a", token: "c1")
        #expect(body(cache, "/a", "c2") == nil)
        cache.keep(answer("A2"), for: "/a", token: "c2")
        #expect(body(cache, "/a", "c2") == "A2")
        // A request that read the older token still gets the newer answer (never an older one), and keeps it.
        #expect(body(cache, "/a", "c1") == "A2")
        #expect(body(cache, "/a", "c2") == "A2")
    }

    @Test func staysWithinItsBoundDroppingTheLeastRecentlyUsed() {
        let size = 1000
        let cache = AnswerCache(maxBytes: 10 * (size + 3 + 64))
        let big = String(repeating: "x", count: size)
        for index in 0..<10 { cache.keep(answer(big), for: "/\(index)", token: "c1") }
        #expect(cache.statistics.entries == 10)
        #expect(body(cache, "/0", "c1") != nil)  // now the most recently used
        cache.keep(answer(big), for: "/10", token: "c1")
        #expect(cache.statistics.evictions == 1)
        #expect(body(cache, "/1", "c1") == nil, "the least recently used went")
        #expect(body(cache, "/0", "c1") != nil)
        #expect(body(cache, "/10", "c1") != nil)
        #expect(cache.statistics.bytes <= cache.maxBytes)
        // Replacing an answer counts its new size once.
        cache.keep(answer("small"), for: "/10", token: "c1")
        #expect(cache.statistics.entries == 10)
        #expect(body(cache, "/10", "c1") == "small")
        // An answer over a quarter of the bound is not kept; a zero bound keeps nothing.
        cache.keep(answer(String(repeating: "y", count: cache.maxBytes / 3)), for: "/huge", token: "c1")
        #expect(body(cache, "/huge", "c1") == nil)
        let off = AnswerCache(maxBytes: 0)
        off.keep(answer("A"), for: "/a", token: "c1")
        #expect(body(off, "/a", "c1") == nil)
    }

    @Test func survivesManyKeysAndTokens() {
        let cache = AnswerCache(maxBytes: 50 * 80)
        for round in 0..<20 {
            for index in 0..<200 { cache.keep(answer("v\(round)-\(index)"), for: "/k\(index % 70)", token: "c\(round)") }
            #expect(cache.statistics.bytes <= cache.maxBytes)
            #expect(cache.statistics.entries <= 70)
            #expect(body(cache, "/k59", "c\(round)") == "v\(round)-199")
        }
    }
}
