import BadgeCheck
import EndorsementStore
import Hummingbird
import Logging
import NIOCore

/// The endorse HTTP endpoint: the JSON API under `/api/`, `/healthz`, and a small HTML search page at `/`.
///
/// It only reads: open the store with `.readOnly` and it serves while a crawl writes to the same file (SQLite WAL).
/// Every GET answer derived from the database carries an `ETag` (304 on `If-None-Match`) and is kept in an
/// ``AnswerCache`` for identical requests until the index changes; CORS allows any origin to GET.
/// With a ``checker``, `POST /api/check` and the page's `/check` form check badges handed over (the only routes that
/// fetch, rate-limited per client; nothing they fetch is recorded).
public struct EndorseServer: Sendable {
    public let store: EndorsementStore
    public let host: String
    public let port: Int
    public let logger: Logger
    /// Checks badges for `/api/check` and `/check`; nil answers them 503.
    public let checker: BadgeChecker?
    public let checkRateLimit: CheckRateLimit
    /// Answers of identical requests against an unchanged index (the API and the page; not `/healthz` or checks).
    public let cache: AnswerCache
    /// The largest check upload accepted, in bytes (larger: 413).
    public static let maxCheckUpload = CheckLimits.default.maxInputBytes

    /// - Parameters:
    ///   - store: the index to serve, ideally opened `.readOnly`.
    ///   - host: the address to bind, `127.0.0.1` by default (loopback only).
    ///   - port: the TCP port; 0 picks a free one (see `onServerRunning` in ``makeApplication(onServerRunning:)``).
    ///   - checker: checks badges handed over (`POST /api/check`, `/check`); nil turns those routes off.
    ///   - checkRateLimit: how many checks one client address may ask for.
    ///   - cacheBytes: the most bytes of answers kept for repeated requests (``AnswerCache``); 0 turns the cache off.
    public init(
        store: EndorsementStore, host: String = "127.0.0.1", port: Int = 8080, logger: Logger = Logger(label: "endorse.server"),
        checker: BadgeChecker? = nil, checkRateLimit: CheckRateLimit = CheckRateLimit(), cacheBytes: Int = AnswerCache.defaultMaxBytes
    ) {
        self.cache = AnswerCache(maxBytes: cacheBytes)
        self.checker = checker
        self.checkRateLimit = checkRateLimit
        self.store = store
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// The routes and middleware, ready to be served by any Hummingbird application.
    public func makeRouter() -> Router<EndorseRequestContext> {
        let router = Router(context: EndorseRequestContext.self, options: [.autoGenerateHeadEndpoints])
        router.add(
            middleware: CORSMiddleware(
                allowOrigin: .all, allowHeaders: [.accept, .contentType, .origin, .ifNoneMatch], allowMethods: [.get, .head, .options, .post],
                exposedHeaders: ["ETag"], maxAge: .seconds(3600)))
        router.add(middleware: ConditionalGetMiddleware(store: store, exemptPaths: ["/healthz"]))
        let queries = IndexQueries(store: store)
        APIRoutes(queries: queries, cache: cache).register(on: router)
        PageRoutes(queries: queries, cache: cache).register(on: router)
        CheckRoutes(checker: checker, limiter: CheckRateLimiter(limit: checkRateLimit), maxUpload: Self.maxCheckUpload).register(on: router)
        return router
    }

    /// The Hummingbird application. Run it with `runService()` for graceful SIGINT/SIGTERM shutdown, or inside a
    /// `ServiceGroup`/task group (tests) and cancel the task to stop it.
    /// - Parameter onServerRunning: called once the socket is bound, with the actual port.
    public func makeApplication(onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: "endorse"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until the calling task is cancelled (no signal handling): for tests and for embedding in other services.
    /// - Parameter onServerRunning: called once the socket is bound, with the actual port.
    public func serve(onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) async throws {
        try await makeApplication(onServerRunning: onServerRunning).run()
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns.
    /// - Parameter onServerRunning: called once the socket is bound, with the actual port.
    public func run(onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) async throws {
        try await makeApplication(onServerRunning: onServerRunning).runService()
    }
}
