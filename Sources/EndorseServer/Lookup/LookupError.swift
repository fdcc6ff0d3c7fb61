import EndorsementStore
import OpenBadges

/// An error a user of the query surfaces (CLI or HTTP) can meet, with a stable `code` and a `message` that says what to do.
///
/// The CLI turns it into an exit status (``LookupError/Code``), the server into an HTTP status and the JSON body
/// `{"error": {"code": ..., "message": ...}}` (plus `candidates` for ``Code/ambiguous``).
public struct LookupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. The raw value is the `code` of the JSON error body.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A required parameter is missing (e.g. `q`).
        case missingParameter
        /// A parameter is malformed or out of range (limit, offset, a boolean, a filter value).
        case invalidParameter
        /// The search text cannot be understood, or is too long.
        case invalidQuery
        /// No object with that IRI, or no badge/profile matching those words.
        case notFound
        /// Words match several badges or profiles: `candidates` lists them.
        case ambiguous
        /// The database file does not exist.
        case databaseMissing
        /// The database cannot be opened or read (incompatible, corrupt, SQLite error).
        case database
    }

    public var code: Code
    public var message: String
    /// For ``Code/ambiguous``: the badges or profiles the words match, best first.
    public var candidates: [Candidate]

    /// One possible meaning of ambiguous words.
    public struct Candidate: Sendable, Hashable, Codable {
        public var id: IRI
        public var name: String?
        /// The badge's issuer name, when the candidate is a badge.
        public var issuer: String?

        public init(id: IRI, name: String?, issuer: String? = nil) {
            self.id = id
            self.name = name
            self.issuer = issuer
        }
    }

    public init(_ code: Code, _ message: String, candidates: [Candidate] = []) {
        self.code = code
        self.message = message
        self.candidates = candidates
    }

    /// Translates a store error; codes map one to one, `reason` is kept as the message.
    public init(_ error: StoreError) {
        switch error.code {
        case .databaseMissing: self.init(.databaseMissing, error.reason)
        case .databaseUnwritable, .databaseIncompatible, .database: self.init(.database, error.reason)
        case .invalidQuery: self.init(.invalidQuery, error.reason)
        case .invalidParameter: self.init(.invalidParameter, error.reason)
        case .notFound: self.init(.notFound, error.reason)
        }
    }

    /// Wraps any error thrown by the store or by this module.
    public static func wrapping(_ error: any Error) -> LookupError {
        if let error = error as? LookupError { return error }
        if let error = error as? StoreError { return LookupError(error) }
        return LookupError(.database, "\(error)")
    }

    public var description: String { message }

    public static func == (lhs: LookupError, rhs: LookupError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
