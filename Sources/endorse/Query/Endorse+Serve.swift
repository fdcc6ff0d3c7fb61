import ArgumentParser
import BadgeCheck
import Crawler
import EndorseServer
import EndorsementStore
import Foundation
import Logging

extension Endorse {
    /// `endorse serve`: the HTTP endpoint over the index.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the index over HTTP: a JSON API under /api/ and a search page at /.",
            discussion: """
                Endpoints: GET /api/search?q=&limit=&offset=&all=&endorser=&issuer=&acknowledged=, \
                /api/endorsers?badge=, /api/endorsed-by?endorser=, /api/documents?id=, /api/stats, /healthz, and /; \
                POST /api/check (a badge image, JSON or JWT as the body or a multipart upload, or ?url=; ?recipient=) \
                and the page's /check form check a badge handed over, fetching with the request options below and \
                at most --check-burst checks at once and --checks-per-minute per client address (--no-check turns \
                them off). The database is opened read-only: a crawl can write to it while it is served, and checks \
                record nothing. Answers of repeated requests are kept in memory (--cache-mb) until the index changes. \
                Stop with Ctrl-C.
                Exit status: 0 after a clean shutdown, 1 failure (e.g. port in use), 3 no database.
                """)

        @OptionGroup var options: QueryOptions

        @Option(help: "The address to listen on; 0.0.0.0 listens on every interface.")
        var host = "127.0.0.1"

        @Option(help: "The TCP port to listen on; 0 picks a free one.")
        var port = 8080

        @Flag(name: .customLong("no-check"), help: "Turn off POST /api/check and the /check form (the only routes that fetch).")
        var noCheck = false

        @Option(name: .customLong("check-burst"), help: "Checks one client address may make at once.")
        var checkBurst = 10

        @Option(name: .customLong("checks-per-minute"), help: "Checks one client address regains per minute.")
        var checksPerMinute = 20.0

        @Option(
            name: .customLong("cache-mb"),
            help: "Megabytes of answers kept for repeated requests until the index changes; 0 turns the cache off.")
        var cacheMegabytes = AnswerCache.defaultMaxBytes >> 20

        @OptionGroup(title: "Requests of checks") var fetchOptions: FetchOptions

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
            guard checkBurst >= 1, checksPerMinute > 0 else { throw ValidationError("--check-burst and --checks-per-minute must be positive") }
            guard (0...65536).contains(cacheMegabytes) else { throw ValidationError("--cache-mb must be from 0 to 65536") }
        }

        func run() async throws {
            let store: EndorsementStore
            do {
                store = try options.openStore()
            } catch {
                throw error.report()
            }
            var logger = Logger(label: "endorse.server")
            logger.logLevel = .notice
            let checker = noCheck ? nil : BadgeChecker(fetcher: try CurlPageFetcher(options: fetchOptions, concurrency: 8).fetcher, store: store)
            let server = EndorseServer(
                store: store, host: host, port: port, logger: logger, checker: checker,
                checkRateLimit: CheckRateLimit(burst: checkBurst, perMinute: checksPerMinute), cacheBytes: cacheMegabytes << 20)
            let db = options.db
            let host = host
            do {
                try await server.run { port in
                    FileHandle.standardOutput.write(Data("endorse: serving \(db) on http://\(host):\(port)/ (Ctrl-C stops)\n".utf8))
                }
            } catch {
                FileHandle.standardError.write(Data("endorse: cannot serve on \(host):\(port): \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}
