import ArgumentParser
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
                /api/endorsers?badge=, /api/endorsed-by?endorser=, /api/documents?id=, /api/stats, /healthz, and /. \
                The database is opened read-only: a crawl can write to it while it is served. Stop with Ctrl-C.
                Exit status: 0 after a clean shutdown, 1 failure (e.g. port in use), 3 no database.
                """)

        @OptionGroup var options: QueryOptions

        @Option(help: "The address to listen on; 0.0.0.0 listens on every interface.")
        var host = "127.0.0.1"

        @Option(help: "The TCP port to listen on; 0 picks a free one.")
        var port = 8080

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
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
            let server = EndorseServer(store: store, host: host, port: port, logger: logger)
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
