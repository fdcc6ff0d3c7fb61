import ArgumentParser
import BadgeCheck
import Crawler
import EndorsementStore
import Foundation
import LoopbackTLS
import LoopbackWeb
import OpenBadges

extension Endorse {
    /// `endorse demo`: the offline sample web, crawled for real, then a few example answers.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crawl the offline sample web into Index/endorse.sqlite and show example answers.",
            discussion: """
                Serves Seeds/sample-web on two free loopback ports (one folder per virtual host), over http and over \
                https with a certificate authority made for the run (did:web documents and JWK Sets are https-only), \
                crawls the issuers of Seeds/sample-issuers.txt through them with the real crawler, and writes a fresh \
                index. Run it from the endorse folder.
                """)

        @Option(help: "The index database to (re)create.")
        var db = EndorsementStore.defaultPath

        @Option(help: "The sample web: one folder per host.")
        var web = "Seeds/sample-web"

        @Option(help: "The seed file.")
        var seeds = "Seeds/sample-issuers.txt"

        @Flag(help: "No progress output.")
        var quiet = false

        func run() async throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: web, isDirectory: &isDirectory), isDirectory.boolValue else {
                CrawlSession.fail("the sample web \(web) is not here; run `endorse demo` from the endorse folder (where Seeds/ is)")
            }
            let seedURLs: [IRI]
            do { seedURLs = try SeedList.read(path: seeds) } catch { CrawlSession.fail(error.description) }
            let site = StaticSite(root: URL(fileURLWithPath: web))
            let server: LoopbackServer
            let secure: LoopbackTLSServer
            let caPath = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-demo-ca-\(getpid()).pem").path
            do {
                server = try LoopbackServer(responder: site)
                let authority = try LoopbackCertificateAuthority(commonName: "endorse demo CA")
                let hosts = try FileManager.default.contentsOfDirectory(atPath: web).filter { !$0.hasPrefix(".") }
                secure = try await LoopbackTLSServer(responder: site, identity: try authority.issue(hosts: hosts))
                try authority.writeCertificate(to: caPath)
            } catch {
                CrawlSession.fail("cannot serve the sample web on 127.0.0.1: \(error)")
            }
            defer {
                server.stop()
                secure.stop()
                try? FileManager.default.removeItem(atPath: caPath)
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            FileHandle.standardOutput.write(
                Data(
                    "Serving \(web) on 127.0.0.1:\(server.port) (http) and :\(secure.port) (https); crawling \(seedURLs.count) issuers from \(seeds) into \(db).\n"
                        .utf8))
            // curl takes the first matching --connect-to: https to the TLS twin, the rest to the plain server.
            let fetch = try FetchOptions.parse([
                "--connect-to", ":443:127.0.0.1:\(secure.port)", "--connect-to", "::127.0.0.1:\(server.port)", "--allow-private-addresses",
                "--timeout", "10", "--ca-cert", caPath,
            ])
            let options = try CrawlOptions.parse(["--concurrency", "8"])
            let session = CrawlSession(
                databasePath: db, configuration: try options.configuration(),
                fetcher: try CurlPageFetcher(options: fetch, concurrency: options.concurrency), quiet: quiet)
            let (summary, store) = try await session.run(.seeds(seedURLs))
            if summary.interrupted { throw ExitCode(130) }
            print("")
            DemoAnswers(store: store, databasePath: db).print()
            await checkSampleBadge(fetch: fetch, store: store)
        }

        /// The employer's check of one badge a candidate hands over, against the servers still running.
        private func checkSampleBadge(fetch: FetchOptions, store: EndorsementStore) async {
            let image = (web as NSString).deletingLastPathComponent + "/sample-badges/ann-data-science-foundations.png"
            guard let bytes = FileManager.default.contents(atPath: image) else { return }
            print("\nAn employer checks the badge image a candidate sent (\(image)):")
            print("  $ endorse check \(image) --recipient ann@example.org")
            do {
                let checker = BadgeChecker(fetcher: try CurlPageFetcher(options: fetch, concurrency: 8).fetcher, store: store)
                let report = try await checker.check(.bytes(Array(bytes)), recipient: "ann@example.org")
                for line in TextReport.check(report, databasePath: db).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                    print("  " + line)
                }
            } catch {
                print("  cannot check it: \(error)")
            }
        }
    }
}
