import NIOPosix

/// Runs the store's synchronous SQLite calls on NIO's blocking-work thread pool, so that a slow query never occupies
/// a thread of Swift's cooperative pool (on a 2-core machine it has two) and requests keep being accepted meanwhile.
enum BlockingWork {
    /// Runs `body` on `NIOThreadPool.singleton`; a `LookupError` `.database` result when the pool is shutting down.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> Result<T, LookupError>) async -> Result<T, LookupError> {
        do {
            return try await NIOThreadPool.singleton.runIfActive(body)
        } catch {
            return .failure(LookupError(.database, "the server is shutting down; retry"))
        }
    }
}
