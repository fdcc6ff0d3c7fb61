import GRDB

extension EndorsementStore {
    /// Registers the crawl frontier's migrations. Called by the store's migrator after the core schema;
    /// owned by the crawler (the frontier lives in the same database so a killed crawl resumes).
    static func registerFrontierMigrations(_ migrator: inout DatabaseMigrator) {}
}
