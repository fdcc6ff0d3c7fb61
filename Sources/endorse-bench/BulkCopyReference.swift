import ArgumentParser
import EndorsementStore
import Foundation

/// The ingest benchmark's reference: the `sqlite3` tool copying the finished rows of an index into an empty file
/// with the same schema (tables, indexes, FTS5 options), in one transaction, then rebuilding the FTS5 indexes.
///
/// It performs the writes an ingest cannot avoid and none of the lookups that decide them (which object a
/// document contributes to, linking, merging), so it is a floor: no ingest through the same schema can be faster.
struct BulkCopyReference {
    /// The sqlite3 tool.
    let sqlite3: String

    /// Where a copy spends its time, in seconds of wall time as `sqlite3 .timer` reports them.
    struct Timing {
        var rows: Double
        var searchIndexes: Double
        var commit: Double
        var total: Double { rows + searchIndexes + commit }
    }

    /// Copies the index at `source` into a new file beside it (removed afterwards) and times the copy.
    func run(source: String) throws -> Timing {
        let schema = try sourceSchema(source)
        let target = source + ".reference-\(UUID().uuidString)"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        }
        // The store's writer settings (EndorsementStore.init), so that page cache and checkpoints cost the same.
        var script = """
            PRAGMA journal_mode = WAL;
            PRAGMA cache_size = -\(EndorsementStore.defaultWriterCacheKiB);
            PRAGMA wal_autocheckpoint = \(EndorsementStore.writerCheckpointPages);
            PRAGMA foreign_keys = OFF;
            .output /dev/null

            """
        script += schema.create.joined(separator: ";\n") + ";\n"
        script += "ATTACH '\(source.replacingOccurrences(of: "'", with: "''"))' AS source;\n"
        script += ".output stdout\n.timer on\nBEGIN;\n"
        // One statement for all the rows (a compound of INSERTs would time as one), then one per FTS5 table.
        script += schema.tables.map { "INSERT INTO main.\($0) SELECT * FROM source.\($0)" }.joined(separator: ";\n") + ";\n"
        script += "SELECT 'rows';\n"
        script += schema.searchIndexes.map { "INSERT INTO main.\($0)(\($0)) VALUES('rebuild')" }.joined(separator: ";\n") + ";\n"
        script += "SELECT 'fts';\nCOMMIT;\nSELECT 'commit';\n"
        let output = try runScript(script, database: target)
        return try Self.timing(output)
    }

    /// The statements that create the source's schema (FTS5 options and configuration included, shadow tables
    /// left to FTS5), the ordinary tables to copy, and the FTS5 tables to rebuild.
    private func sourceSchema(_ source: String) throws -> (create: [String], tables: [String], searchIndexes: [String]) {
        let listing = try runScript(
            ".mode list\n.separator \"\\t\" \"\\n\"\nSELECT type, name, replace(replace(sql, char(10), ' '), char(9), ' ') FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type = 'index', rowid;\n",
            database: source, readOnly: true)
        let entries = listing.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 2).map(String.init) }.filter { $0.count == 3 }
        let virtual = entries.filter { $0[0] == "table" && $0[2].uppercased().hasPrefix("CREATE VIRTUAL TABLE") }.map { $0[1] }
        let shadowSuffixes = ["_data", "_idx", "_docsize", "_config", "_content"]
        func isShadow(_ name: String) -> Bool {
            virtual.contains { table in shadowSuffixes.contains { name == table + $0 } }
        }
        let kept = entries.filter { !isShadow($0[1]) && !$0[1].hasPrefix("sqlite_") }
        var create = kept.map { $0[2] }
        // FTS5 keeps its options ('rank', 'hashsize') in the shadow `_config` table: set them again.
        for table in virtual {
            let rows = try runScript(
                ".mode list\n.separator \"\\t\" \"\\n\"\nSELECT k, v FROM \(table)_config WHERE k <> 'version';\n", database: source,
                readOnly: true)
            for row in rows.split(separator: "\n") {
                let pair = row.split(separator: "\t", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                let value = Int(pair[1]).map(String.init) ?? "'\(pair[1].replacingOccurrences(of: "'", with: "''"))'"
                create.append("INSERT INTO \(table)(\(table), rank) VALUES('\(pair[0])', \(value))")
            }
        }
        let tables = kept.filter { $0[0] == "table" && !virtual.contains($0[1]) }.map { $0[1] }
        guard !tables.isEmpty, !virtual.isEmpty else { throw ValidationError("\(source) holds no endorse index to copy") }
        return (create, tables, virtual)
    }

    /// The wall times sqlite3's `.timer` printed before each marker row.
    private static func timing(_ output: String) throws -> Timing {
        var pending = 0.0
        var phases: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            if line.hasPrefix("Run Time: real "), let seconds = line.dropFirst(15).split(separator: " ").first.flatMap({ Double($0) }) {
                pending += seconds
            } else if ["rows", "fts", "commit"].contains(String(line)) {
                phases[String(line)] = pending
                pending = 0
            }
        }
        guard let rows = phases["rows"], let fts = phases["fts"], let commit = phases["commit"] else {
            throw ValidationError("sqlite3 did not report the reference copy's timings:\n\(output.prefix(2000))")
        }
        return Timing(rows: rows, searchIndexes: fts, commit: commit + pending)
    }

    private func runScript(_ script: String, database: String, readOnly: Bool = false) throws -> String {
        try SQLiteTool(path: sqlite3).run(script, database: database, readOnly: readOnly, bail: true).output
    }
}
