import Foundation

/// Processed contexts kept across calls, so that the few contexts every credential names are processed once per
/// process rather than once per document.
///
/// Keys name a context by how it was derived: the context it was applied to (by its cache identifier), then the
/// remote context URL, the named scoped context, or the exact text of an inline context. Only contexts derived
/// purely from such nameable parts are stored; anything built from a document's own inline content past the
/// top-level `@context` is processed every time. Remote contexts are named by URL, so one cache must only be used
/// with loaders that serve the same document for a URL (endorse's pinned loaders all do).
///
/// Thread-safe (one lock around a dictionary); the lock is held only to look up or store, never while processing.
/// When ``capacity`` entries are stored, the cache empties itself and starts again: identifiers are never reused,
/// so contexts derived from evicted ones stay correct.
public final class JSONLDContextCache: @unchecked Sendable {
    // @unchecked: every stored property below is only touched under `lock`.
    private let lock = NSLock()
    private var contexts: [String: ActiveContext] = [:]
    private var scopedContexts: [ScopedKey: ActiveContext] = [:]
    private var names: [String: Int] = [:]
    private var nextID = 1
    /// The number of entries kept before the cache empties itself.
    public let capacity: Int

    /// An empty cache keeping at most `capacity` processed contexts (default 512: endorse's pinned contexts in
    /// their usual combinations need a few dozen).
    public init(capacity: Int = 512) {
        self.capacity = max(1, capacity)
    }

    /// The number of processed contexts held now.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return contexts.count + scopedContexts.count
    }

    /// The key of a scoped context applied during expansion: the context it applies to, the interned origin of
    /// the term's local context, and the override-protected and propagate flags. Integers only, because these
    /// lookups happen for every typed node.
    struct ScopedKey: Hashable {
        let parent: Int
        let origin: Int
        let flags: UInt8
    }

    /// The scoped context stored under `key`, if any.
    func context(forScoped key: ScopedKey) -> ActiveContext? {
        lock.lock()
        defer { lock.unlock() }
        return scopedContexts[key]
    }

    /// Stores a scoped context under `key` and returns it carrying its new cache identifier.
    func store(_ context: ActiveContext, forScoped key: ScopedKey) -> ActiveContext {
        lock.lock()
        defer { lock.unlock() }
        let named = register(context)
        scopedContexts[key] = named
        return named
    }

    /// The context stored under `key`, if any.
    func context(forKey key: String) -> ActiveContext? {
        lock.lock()
        defer { lock.unlock() }
        return contexts[key]
    }

    /// Stores `context` under `key` and returns it carrying its new cache identifier.
    func store(_ context: ActiveContext, forKey key: String) -> ActiveContext {
        lock.lock()
        defer { lock.unlock() }
        let named = register(context)
        contexts[key] = named
        return named
    }

    /// `context` with a fresh identifier, after emptying the cache if it is full. Called with the lock held.
    private func register(_ context: ActiveContext) -> ActiveContext {
        var named = context
        named.cacheID = nextID
        nextID += 1
        if contexts.count + scopedContexts.count >= capacity {
            contexts.removeAll(keepingCapacity: true)
            scopedContexts.removeAll(keepingCapacity: true)
        }
        return named
    }

    /// A short stable number standing for a long key: the text of an inline context (used in the origins of the
    /// term definitions it creates) or a scoped context's origin (used in ``ScopedKey``).
    func name(forKey key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let known = names[key] { return known }
        let id = nextID
        nextID += 1
        if names.count >= capacity { names.removeAll(keepingCapacity: true) }
        names[key] = id
        return id
    }
}
