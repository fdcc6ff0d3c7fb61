import ArgumentParser
import CrawlState
import EndorsementStore
import Foundation

extension Endorse {
    /// `endorse index --from postgres://...`: the SQLite index of a crawl shared through PostgreSQL.
    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build (or bring up to date) the index from the documents of a crawl shared through PostgreSQL.",
            discussion: """
                Reads the documents the crawl recorded in PostgreSQL in the order they were recorded, and records \
                each into the SQLite index as a single-process crawl does: the same links, facts and search. \
                Resumable: the last document recorded is kept in the index. Documents that verifying a signature \
                still needs (keys, DID documents, revocation lists) are queued into the shared crawl. With --follow \
                it keeps reading new documents every --interval seconds until Ctrl-C (each batch is committed whole), \
                and the crawl's workers wait for it before they call the crawl finished. \
                Exit status: 0 done, 1 the index or PostgreSQL failed, 64 usage error.
                """)

        @Option(
            help: ArgumentHelp(
                "The crawl state: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default: $ENDORSE_STATE_URL).", valueName: "url"))
        var from: String?

        @Option(help: ArgumentHelp("The index database to write.", valueName: "path"))
        var db: String = EndorsementStore.defaultPath

        @Flag(help: "Keep following new documents until interrupted.")
        var follow = false

        @Option(help: "Seconds between reads with --follow.")
        var interval: Double = 2

        func run() async throws {
            guard let url = from ?? ProcessInfo.processInfo.environment["ENDORSE_STATE_URL"] else {
                throw ValidationError("give --from postgres://USER@HOST/DATABASE (or set ENDORSE_STATE_URL)")
            }
            let state: PostgresCrawlState
            let store: EndorsementStore
            do {
                state = try await PostgresCrawlState(location: try StateLocation(url))
                store = try EndorsementStore(path: db, mode: .readWrite, writerCacheKiB: EndorsementStore.crawlWriterCacheKiB)
            } catch {
                FileHandle.standardError.write(Data("endorse index: \(error)\n".utf8))
                throw ExitCode(1)
            }
            defer { state.close() }
            // A follower reports its progress: workers wait for it, since it queues what verification needs.
            let follower = IndexFollower(state: state, store: store, reportingAs: follow ? IndexFollower.defaultName(for: store) : nil)
            var seen = Set<Int64>()
            repeat {
                do {
                    let recorded = try await follower.catchUp(seen: &seen)
                    let cursor = (try? store.cursor(IndexFollower.cursorName)).flatMap { $0 } ?? 0
                    if recorded > 0 || !follow {
                        print("endorse index: recorded \(recorded) document\(recorded == 1 ? "" : "s") into \(db) (through sequence \(cursor))")
                    }
                } catch {
                    FileHandle.standardError.write(Data("endorse index: \(error)\n".utf8))
                    if !follow { throw ExitCode(1) }
                }
                if follow { try await Task.sleep(for: .milliseconds(Int(max(0.1, interval) * 1000))) }
            } while follow
        }
    }
}
