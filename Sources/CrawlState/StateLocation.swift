import Foundation

/// Where the shared crawl state lives: a `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` URL (libpq's form; a
/// `?host=/run/postgresql` query names a unix-socket folder instead of a TCP host).
public struct StateLocation: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// The folder of the server's unix socket, when the URL names one.
    public var socketFolder: String?
    public var user: String
    public var password: String?
    public var database: String

    /// Reads `url`.
    /// - Throws: ``CrawlStateError`` `invalidURL`, saying which part is wrong.
    public init(_ url: String) throws(CrawlStateError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else {
            throw CrawlStateError(.invalidURL, "\(url) is not a postgres://USER@HOST[:PORT]/DATABASE URL")
        }
        guard let user = components.user, !user.isEmpty else {
            throw CrawlStateError(.invalidURL, "\(url) names no user: write postgres://USER@HOST/DATABASE")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw CrawlStateError(.invalidURL, "\(url) names no database: write postgres://USER@HOST/DATABASE") }
        let socket = components.queryItems?.first { $0.name == "host" }?.value
        guard socket != nil || !(components.host ?? "").isEmpty else {
            throw CrawlStateError(.invalidURL, "\(url) names no host: write postgres://USER@HOST/DATABASE or ?host=/socket/folder")
        }
        self.host = components.host ?? "localhost"
        self.port = components.port ?? 5432
        self.socketFolder = socket
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password?.removingPercentEncoding ?? components.password
        self.database = database.removingPercentEncoding ?? database
    }

    /// The URL without its password.
    public var description: String {
        socketFolder.map { "postgres://\(user)@/\(database)?host=\($0)&port=\(port)" } ?? "postgres://\(user)@\(host):\(port)/\(database)"
    }
}
