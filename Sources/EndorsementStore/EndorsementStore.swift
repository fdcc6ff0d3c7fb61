import Foundation
import OpenBadges

/// The endorse index: one SQLite database (WAL, GRDB `DatabasePool`) holding every fetched document,
/// the Open Badges objects they contain, the endorsement links between them, and an FTS5 index.
///
/// Readers never wait for the writer. Safe to share across tasks.
public final class EndorsementStore: Sendable {
    /// How to open the database.
    public enum Mode: Sendable {
        /// Create the file (and its folder) if needed and migrate it: for the crawler.
        case readWrite
        /// Open an existing database without writing: for queries and the HTTP server.
        case readOnly
    }

    /// `Index/endorse.sqlite`, relative to the working directory.
    public static let defaultPath = "Index/endorse.sqlite"

    public let path: String

    /// Opens (and for `.readWrite` creates and migrates) the database at `path`.
    /// - Throws: `StoreError` `.databaseMissing` (read-only and no file), `.databaseUnwritable`, `.databaseIncompatible`.
    public init(path: String = EndorsementStore.defaultPath, mode: Mode = .readWrite) throws {
        self.path = path
        throw StoreError(.database, "not implemented yet")
    }

    // MARK: Ingest (crawler)

    /// Records one fetch and what its document says, in one transaction: stores the raw body and
    /// fetch metadata, replaces the objects and links this document previously contributed, and
    /// recomputes acknowledged / publishedBy / verification for every endorsement it touches.
    /// `parsed` is nil when the body is not Open Badges or could not be parsed (`parseError` says why).
    public func record(_ fetch: FetchRecord, parsed: ParsedDocument?, parseError: String? = nil) throws {
        throw StoreError(.database, "not implemented yet")
    }

    /// The validators stored for `url` (for a conditional GET), or nil when never fetched successfully.
    public func validators(for url: IRI) throws -> (etag: String?, lastModified: String?)? {
        throw StoreError(.database, "not implemented yet")
    }

    // MARK: Queries

    /// Endorsed badges matching `query`, best first. Throws `.invalidQuery` / `.invalidParameter` for bad input.
    public func search(_ query: SearchQuery) throws -> SearchPage {
        throw StoreError(.database, "not implemented yet")
    }

    /// Profiles (issuers and endorsers) whose name, description or url match `text`.
    public func searchProfiles(_ text: String, limit: Int = 20) throws -> [ProfileSummary] {
        throw StoreError(.database, "not implemented yet")
    }

    /// Badges whose name, description, tags or criteria match `text` (endorsed or not): resolves words to a badge.
    public func searchBadges(_ text: String, limit: Int = 20) throws -> [BadgeSummary] {
        throw StoreError(.database, "not implemented yet")
    }

    /// The employer's lookup for a badge IRI (an assertion IRI resolves to its badge). Throws `.notFound`.
    public func endorsers(ofBadge badge: IRI) throws -> BadgeEndorsements {
        throw StoreError(.database, "not implemented yet")
    }

    /// Everything the endorser with this profile IRI endorses. Throws `.notFound`.
    public func endorsements(byEndorser endorser: IRI) throws -> EndorserEndorsements {
        throw StoreError(.database, "not implemented yet")
    }

    /// One object or fetched document by IRI, with links in and out. Throws `.notFound`.
    public func document(id: IRI) throws -> DocumentDetail {
        throw StoreError(.database, "not implemented yet")
    }

    /// What the index holds.
    public func stats() throws -> IndexStats {
        throw StoreError(.database, "not implemented yet")
    }

    /// A token that changes whenever the database content changes (for HTTP ETags).
    public func changeToken() throws -> String {
        throw StoreError(.database, "not implemented yet")
    }
}
