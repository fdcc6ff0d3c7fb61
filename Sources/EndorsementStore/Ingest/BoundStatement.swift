import Foundation
import GRDB
import GRDBSQLite

/// A cached statement of the writer's hot path, bound and stepped through the SQLite C API.
///
/// GRDB's `StatementArguments` box every value into a `DatabaseValue`, and `Row.fetchAll` copies every
/// column of every row; on ingest (a dozen statements per document) that bookkeeping cost more CPU than
/// SQLite itself. These statements bind Swift values directly and read columns by position.
///
/// Contract: use only inside a `Database` access block, for SQL that no GRDB call executes (the
/// statement is GRDB's cached one, and GRDB does not know what was bound). Every run ends with
/// `sqlite3_reset`, so a statement never holds a read cursor open past its use.
struct BoundStatement {
    private let statement: Statement
    private let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }
    private var position: Int32 = 0

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        self.statement = try db.cachedStatement(sql: sql)
    }

    /// SQLite copies bound text and blobs before `bind` returns (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    // MARK: Binding, in parameter order

    mutating func bind(_ value: String?) {
        position += 1
        guard var value else {
            sqlite3_bind_null(handle, position)
            return
        }
        let handle = self.handle
        let position = self.position
        value.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, position, bytes.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(bytes.count), Self.transient)
        }
    }

    mutating func bind(_ value: Int64?) {
        position += 1
        if let value { sqlite3_bind_int64(handle, position, value) } else { sqlite3_bind_null(handle, position) }
    }

    mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: Double?) {
        position += 1
        if let value { sqlite3_bind_double(handle, position, value) } else { sqlite3_bind_null(handle, position) }
    }

    /// An empty array binds NULL.
    mutating func bind(blob value: [UInt8]) {
        position += 1
        guard !value.isEmpty else {
            sqlite3_bind_null(handle, position)
            return
        }
        let handle = self.handle
        let position = self.position
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, position, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    // MARK: Running

    /// Runs a statement that returns no rows (or whose rows are ignored), then resets it.
    mutating func run() throws {
        defer { finish() }
        while try step() {}
    }

    /// Runs a query, calling `row` for each result row, then resets the statement.
    mutating func forEachRow(_ row: (Columns) throws -> Void) throws {
        defer { finish() }
        while try step() { try row(Columns(handle: handle)) }
    }

    /// The first row mapped by `row`, or nil; then resets the statement.
    mutating func first<T>(_ row: (Columns) throws -> T) throws -> T? {
        defer { finish() }
        return try step() ? row(Columns(handle: handle)) : nil
    }

    private func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }

    private mutating func finish() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        position = 0
    }

    /// The columns of the current row, by position (0-based).
    struct Columns {
        let handle: OpaquePointer

        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

        func string(_ column: Int32) -> String? {
            guard let text = sqlite3_column_text(handle, column) else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
        }

        func int64(_ column: Int32) -> Int64? { isNull(column) ? nil : sqlite3_column_int64(handle, column) }

        func int(_ column: Int32) -> Int? { int64(column).map(Int.init) }

        func double(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }

        func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

        /// The bytes of a BLOB (or TEXT) column; nil for NULL.
        func blob(_ column: Int32) -> [UInt8]? {
            guard !isNull(column) else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return [] }
            return Array(UnsafeRawBufferPointer(start: bytes, count: count))
        }
    }
}
