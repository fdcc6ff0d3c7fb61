import ArgumentParser
import EndorsementStore
import Foundation
import OpenBadges

/// `endorse-bench index`: ingests a generated corpus into a fresh store and times the ingest against `sqlite3`
/// copying the same rows (`BulkCopyReference`), then times searches against the same FTS5 statements run by the
/// `sqlite3` command line tool on the same file.
struct IndexBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Ingest a generated corpus into the store and time searches against the sqlite3 tool.",
        discussion: "Targets (issue 4): ingest >= 20 000 documents/s; search within 1.5x of sqlite3; p99 < 50 ms.")

    @Option(help: "Badges to generate.") var badges = 100_000
    @Option(help: "Endorsements to generate (spread over the badges).") var endorsements = 300_000
    @Option(help: "Searches per query kind.") var searches = 1000
    @Option(help: "Documents per write transaction (a bulk load: `endorse reindex` uses one; the crawler about 32-500).") var batch = 20_000
    @Option(help: "Database file (default: a fresh file in the temporary folder, removed afterwards).") var db: String?
    @Option(help: "The sqlite3 tool to compare with.") var sqlite3 = "/usr/bin/sqlite3"
    @Flag(
        help:
            "With --db naming an index this benchmark wrote before: search it again without ingesting (the corpus is generated, not recorded, for its query texts)."
    )
    var reuse = false
    @Flag(
        inversion: .prefixedNo,
        help: "After ingesting, time sqlite3 copying the same rows into an empty file with the same schema (the ingest's floor).")
    var reference = true

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-bench-\(UUID().uuidString)")
        let path = db ?? folder.appendingPathComponent("bench.sqlite").path
        defer { if db == nil { try? FileManager.default.removeItem(at: folder) } }
        if !reuse { try? FileManager.default.removeItem(atPath: path) }
        guard !reuse || (db != nil && FileManager.default.fileExists(atPath: path)) else {
            throw ValidationError("--reuse needs --db naming an existing index")
        }

        var corpus = Corpus(badges: badges, endorsements: endorsements)
        let store = try EndorsementStore(path: path, mode: .readWrite)

        // Ingest.
        print("generating and ingesting \(badges) badges, \(endorsements) endorsements ...")
        var documents = 0
        var generating: Duration = .zero
        var ingesting: Duration = .zero
        let clock = ContinuousClock()
        let cpuBefore = Self.cpuSeconds()
        func load() throws {
            while true {
                let start = clock.now
                let items = corpus.nextBatch(batch)
                generating += clock.now - start
                if items.isEmpty { break }
                if reuse { continue }
                let recordStart = clock.now
                if batch == 1 {
                    // The crawler's path: one transaction per fetched document.
                    for item in items { try store.record(item.fetch, parsed: item.parsed, parseError: item.parseError) }
                } else {
                    try store.record(items)
                }
                ingesting += clock.now - recordStart
                documents += items.count
            }
        }
        try load()
        let cpu = Self.cpuSeconds() - cpuBefore - generating.seconds
        let optimizeStart = clock.now
        if !reuse { try store.optimize() }
        let optimizing = clock.now - optimizeStart
        let seconds = ingesting.seconds
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let stats = try store.stats()
        if reuse {
            print("index \(path) reused: nothing ingested")
        } else {
            printIngest(documents: documents, seconds: seconds, cpu: cpu, generating: generating.seconds, optimizing: optimizing.seconds)
        }
        if !reuse && reference {
            let floor = try BulkCopyReference(sqlite3: sqlite3).run(source: path)
            print(
                "reference: sqlite3 copying these rows into an empty file with the same schema in one transaction: rows \(fmt(floor.rows)) s"
                    + " + FTS5 rebuild \(fmt(floor.searchIndexes)) s + commit \(fmt(floor.commit)) s = \(fmt(floor.total)) s"
                    + " = \(Int(Double(documents) / max(floor.total, 0.001))) documents/s (no lookups: a floor); ingest / reference = \(fmt(seconds / max(floor.total, 0.001)))"
            )
        }
        print("index: \(stats.badges) badges, \(stats.profiles) profiles, \(stats.endorsements) endorsements, database \(size / 1_048_576) MiB")

        // Search.
        let reader = try EndorsementStore(path: path, mode: .readOnly)
        print("\nsearch: \(searches) per kind, limit 20; sqlite3 runs the same SQL (count, ranked page, details; mean per query)")
        print("kind         p50 ms   p99 ms  mean ms  sqlite3 ms  ratio  avg total")
        for kind in QueryKind.allCases {
            let texts = (0..<searches).map { _ in corpus.query(kind) }
            var latencies: [Double] = []
            var totals = 0
            for text in texts {
                let start = clock.now
                let page = try reader.search(SearchQuery(text: text))
                latencies.append((clock.now - start).seconds * 1000)
                totals += page.total
            }
            latencies.sort()
            let mean = latencies.reduce(0, +) / Double(latencies.count)
            let statements = try texts.flatMap { try reader.searchStatements(SearchQuery(text: $0)) }
            let raw = try timeSQLite(path: path, statements: statements) / Double(texts.count) * 1000
            print(
                kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + [percentile(latencies, 0.5), percentile(latencies, 0.99), mean, raw].map { pad(fmt($0), 9) }.joined()
                    + pad(fmt(mean / raw), 7) + pad(String(totals / texts.count), 11))
        }
    }

    private func printIngest(documents: Int, seconds: Double, cpu: Double, generating: Double, optimizing: Double) {
        print("mode: \(batch) documents per record call")
        print(
            "ingest: \(documents) documents in \(fmt(seconds)) s = \(Int(Double(documents) / max(seconds, 0.001))) documents/s "
                + "(target >= 20000; generation \(fmt(generating)) s not counted; optimize \(fmt(optimizing)) s)")
        print(
            "ingest CPU: \(fmt(cpu)) s of this process (about \(Int(Double(documents) / max(cpu, 0.001))) documents per CPU-second; "
                + "wall time includes waiting for a shared CPU)")
    }

    /// User + system CPU time of this process so far (getrusage).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Wall time of `sqlite3` running the statements, minus its start-up and schema load (an empty run).
    private func timeSQLite(path: String, statements: [String]) throws -> Double {
        let prelude = ".output /dev/null\nPRAGMA cache_size = -32000;\nSELECT count(*) FROM badge;\n"
        let empty = try runSQLite(path: path, script: prelude)
        let full = try runSQLite(path: path, script: prelude + statements.map { $0 + ";" }.joined(separator: "\n"))
        return max(full - empty, 0.000_001)
    }

    private func runSQLite(path: String, script: String) throws -> Double {
        try SQLiteTool(path: sqlite3).run(script, database: path, readOnly: true).seconds
    }

    private func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
    private func fmt(_ value: Double) -> String { String(format: "%.2f", value) }
    private func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}

/// The query kinds of the mixed search set.
enum QueryKind: String, CaseIterable {
    case rare = "rare"
    case twoMid = "two-mid"
    case common = "common"
    case phrase = "phrase"
    case prefix = "prefix"
}

/// A deterministic generated corpus: Zipf-distributed words (so some terms are common), issuers and endorsers
/// on their own origins, badges embedding or listing endorsements, some endorsements hosted by their endorsers.
struct Corpus {
    private static let realWords = """
        learning skills digital leadership collaboration teamwork communication data science research project
        community innovation design engineering mathematics literacy critical thinking problem solving creativity
        sustainability health safety training professional development mentoring coaching volunteer service
        language culture history environment climate energy software programming cloud security network analysis
        statistics writing reading presentation public speaking management finance marketing entrepreneurship
        ethics inclusion diversity accessibility citizenship participation achievement excellence mastery practice
        assessment portfolio evidence workshop course module certificate micro credential university college school
        teacher student learner faculty staff partner industry employer career pathway competency framework
        standard alignment quality recognition endorsed trusted verified open badge network global regional local
        advanced intermediate foundation introductory applied practical theory laboratory field online blended
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    let vocabulary: [String]
    private let cumulative: [Double]
    private var random = SplitMix64(seed: 2026)
    private let badgeCount: Int
    private var endorsementsPerBadge: [Int]
    private let issuers = 2000
    private let endorsers = 10_000
    private var nextBadge = 0
    private var nextProfile = 0
    private var phrases: [String] = []

    init(badges: Int, endorsements: Int) {
        var words = Self.realWords
        var syllables = SplitMix64(seed: 7)
        let parts = ["ka", "lo", "mi", "ne", "ru", "ta", "vi", "so", "de", "pa", "ri", "gu", "zo", "be", "fi", "ha"]
        while words.count < 6000 {
            let count = 2 + Int(syllables.next() % 3)
            let word = (0..<count).map { _ in parts[Int(syllables.next() % UInt64(parts.count))] }.joined()
            if !words.contains(word) { words.append(word) }
        }
        vocabulary = words
        var total = 0.0
        cumulative = words.indices.map { index in
            total += 1 / Double(index + 1)
            return total
        }
        badgeCount = badges
        endorsementsPerBadge = Array(repeating: 0, count: badges)
        var allocation = SplitMix64(seed: 11)
        for _ in 0..<endorsements where badges > 0 {
            // A third go to the 1% most popular badges; some badges get none.
            let popular = allocation.next() % 3 == 0
            let range = popular ? max(1, badges / 100) : badges
            endorsementsPerBadge[Int(allocation.next() % UInt64(range))] += 1
        }
    }

    mutating func word() -> String {
        let target = Double(random.next() % 1_000_000) / 1_000_000 * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < target { low = mid + 1 } else { high = mid }
        }
        return vocabulary[low]
    }

    mutating func text(_ range: ClosedRange<Int>) -> String {
        let count = range.lowerBound + Int(random.next() % UInt64(range.count))
        return (0..<count).map { _ in word() }.joined(separator: " ")
    }

    private func issuerIRI(_ index: Int) -> IRI { IRI("https://issuer\(index % 500).example/issuers/\(index)") }
    private func endorserIRI(_ index: Int) -> IRI { IRI("https://org\(index).example/profile") }

    /// The next documents: profiles first, then each badge followed by the endorsements its endorsers host.
    mutating func nextBatch(_ size: Int) -> [IngestItem] {
        var items: [IngestItem] = []
        while items.count < size {
            if nextProfile < issuers + endorsers {
                let isIssuer = nextProfile < issuers
                let id = isIssuer ? issuerIRI(nextProfile) : endorserIRI(nextProfile - issuers)
                let name = text(2...3).capitalized + (isIssuer ? " Academy" : " Guild")
                let profile = Profile(id: id, types: ["Profile"], name: name, description: text(8...20), url: IRI("https://\(id.host ?? "x")/"))
                items.append(item(id, ParsedDocument(url: id, format: .json, version: .v2_0, rootKind: .profile, rootID: id, profiles: [profile])))
                nextProfile += 1
                continue
            }
            guard nextBadge < badgeCount else { break }
            items.append(contentsOf: badgeDocuments(nextBadge))
            nextBadge += 1
        }
        return items
    }

    private mutating func badgeDocuments(_ index: Int) -> [IngestItem] {
        let id = IRI("\(issuerIRI(index % issuers).string.replacingOccurrences(of: "/issuers/", with: "/badges/"))-\(index)")
        var embedded: [Endorsement] = []
        var hosted: [Endorsement] = []
        var listed: [IRI] = []
        for number in 0..<endorsementsPerBadge[index] {
            let endorser = endorserIRI(Int(random.next() % UInt64(endorsers)))
            let key = IRI("https://\(endorser.host ?? "x")/endorsements/\(index)-\(number)")
            let endorsement = Endorsement(
                key: key, id: key, types: ["Endorsement"], endorser: endorser, subject: id, comment: text(6...18),
                issuedOn: Date(timeIntervalSince1970: 1_600_000_000 + Double(index)), version: .v2_0)
            switch random.next() % 10 {
            case 0..<6: embedded.append(endorsement)
            case 6..<9:
                hosted.append(endorsement)
                listed.append(key)
            default: hosted.append(endorsement)
            }
        }
        let name = text(2...5).capitalized
        if phrases.count < 5000, index % 7 == 0 { phrases.append(name.split(separator: " ").prefix(2).joined(separator: " ").lowercased()) }
        let badge = BadgeClass(
            id: id, types: ["BadgeClass"], name: name, description: text(30...60), issuer: issuerIRI(index % issuers),
            tags: [word(), word(), word()], criteriaNarrative: text(15...25), alignmentNames: index % 3 == 0 ? [text(2...3)] : [],
            endorsements: listed + embedded.map(\.key), version: .v2_0)
        var items = [
            item(id, ParsedDocument(url: id, format: .json, version: .v2_0, rootKind: .badge, rootID: id, badges: [badge], endorsements: embedded))
        ]
        for endorsement in hosted {
            items.append(
                item(
                    endorsement.key,
                    ParsedDocument(
                        url: endorsement.key, format: .json, version: .v2_0, rootKind: .endorsement, rootID: endorsement.id,
                        endorsements: [endorsement])))
        }
        return items
    }

    /// A fetch record with a JSON-sized body, so that raw bodies weigh in the database size.
    private func item(_ url: IRI, _ document: ParsedDocument) -> IngestItem {
        let text =
            (document.badges.first.map { "\($0.name ?? "") \($0.description ?? "") \($0.criteriaNarrative ?? "")" } ?? "")
            + (document.endorsements.map { $0.comment ?? "" }.joined(separator: " "))
        let body = Array("{\"@context\":\"https://w3id.org/openbadges/v2\",\"id\":\"\(url)\",\"text\":\"\(text)\"}".utf8)
        return IngestItem(fetch: FetchRecord(url: url, status: 200, contentType: "application/json", body: body), parsed: document)
    }

    /// One search text of `kind`.
    mutating func query(_ kind: QueryKind) -> String {
        func ranked(_ range: Range<Int>) -> String { vocabulary[range.lowerBound + Int(random.next() % UInt64(range.count))] }
        switch kind {
        case .rare: return ranked(2000..<6000)
        case .twoMid: return ranked(100..<600) + " " + ranked(100..<600)
        case .common: return ranked(0..<10)
        case .phrase: return phrases.isEmpty ? ranked(0..<100) : "\"\(phrases[Int(random.next() % UInt64(phrases.count))])\""
        case .prefix: return String(ranked(10..<300).prefix(4)) + "*"
        }
    }
}

/// SplitMix64: a small, fast, deterministic generator (Steele, Lea and Flood, 2014).
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
