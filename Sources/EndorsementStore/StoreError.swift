/// An error a user of the store can meet, with a stable code and a message that says what to do.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The database file does not exist (read-only open).
        case databaseMissing
        /// The database cannot be created or written.
        case databaseUnwritable
        /// The database exists but is not an endorse database, or is from a newer endorse.
        case databaseIncompatible
        /// A search query cannot be understood (see `reason`).
        case invalidQuery
        /// A parameter is out of range (limit, offset, ...).
        case invalidParameter
        /// No object with that IRI is in the index.
        case notFound
        /// Something else went wrong in SQLite; `reason` carries its message.
        case database
    }

    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    public static func == (lhs: StoreError, rhs: StoreError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
