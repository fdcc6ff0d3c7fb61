import EndorsementStore
import Foundation
import OpenBadges

/// A small index built through the store's public API, the same for the CLI and the HTTP tests.
///
/// Example University issues "Python Basics" (endorsed by Acme Corp, and lists that endorsement), "Python Advanced"
/// (endorsed by Beta Org, not listed), "Rust Intro" (endorsed by nobody) and a badge whose name is an HTML injection
/// attempt (endorsed by Acme Corp). Beta Org also endorses the issuer itself.
public enum FixtureIndex {
    public static let issuer = IRI("https://issuer.example/profile")
    public static let acme = IRI("https://acme.example/profile")
    public static let beta = IRI("https://beta.example/profile")
    public static let pythonBasics = IRI("https://issuer.example/badges/python.json")
    public static let pythonAdvanced = IRI("https://issuer.example/badges/python-advanced.json")
    public static let rust = IRI("https://issuer.example/badges/rust.json")
    public static let markup = IRI("https://issuer.example/badges/markup.json")
    public static let assertion = IRI("https://issuer.example/assertions/1.json")
    public static let acmeOnPython = IRI("https://acme.example/endorsements/python.json")
    public static let acmeOnMarkup = IRI("https://acme.example/endorsements/markup.json")
    public static let betaOnAdvanced = IRI("https://beta.example/endorsements/advanced.json")
    public static let betaOnIssuer = IRI("https://beta.example/endorsements/issuer.json")
    /// The name of the badge that tries to inject markup into the HTML page.
    public static let markupName = "Markup <script>alert(1)</script> & Co"

    /// A fresh temporary folder for one test's database.
    public static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Builds the fixture index at `path` (read-write) and returns the store.
    @discardableResult
    public static func build(at path: String) throws -> EndorsementStore {
        let store = try EndorsementStore(path: path, mode: .readWrite)
        for document in documents() {
            let fetch = FetchRecord(
                url: document.url, status: 200, contentType: "application/ld+json", body: Array(#"{"id":"\#(document.url)"}"#.utf8),
                fetchedAt: fetchedAt)
            try store.record(fetch, parsed: document)
        }
        return store
    }

    static let fetchedAt = Date(timeIntervalSince1970: 1_730_000_000)
    static let endorsedOn = Date(timeIntervalSince1970: 1_709_251_200)  // 2024-03-01

    static func documents() -> [ParsedDocument] {
        func doc(
            _ url: IRI, _ kind: ObjectKind, profiles: [Profile] = [], badges: [BadgeClass] = [], assertions: [Assertion] = [],
            endorsements: [Endorsement] = [], links: [Link] = []
        ) -> ParsedDocument {
            ParsedDocument(
                url: url, format: .json, version: .v2_0, rootKind: kind, rootID: url, profiles: profiles, badges: badges,
                assertions: assertions, endorsements: endorsements, links: links)
        }
        func badge(_ id: IRI, _ name: String, _ description: String, tags: [String], endorsements: [IRI] = []) -> ParsedDocument {
            doc(
                id, .badge,
                badges: [
                    BadgeClass(
                        id: id, types: ["BadgeClass"], name: name, description: description, issuer: issuer, tags: tags,
                        criteriaNarrative: "Pass the course project.", endorsements: endorsements, version: .v2_0)
                ],
                links: [Link(target: issuer, reason: .issuer, source: id)] + endorsements.map { Link(target: $0, reason: .endorsement, source: id) })
        }
        func endorsement(_ id: IRI, by endorser: IRI, of subject: IRI, comment: String) -> ParsedDocument {
            doc(
                id, .endorsement,
                endorsements: [
                    Endorsement(
                        key: id, id: id, types: ["Endorsement"], endorser: endorser, subject: subject, comment: comment, issuedOn: endorsedOn,
                        version: .v2_0)
                ],
                links: [Link(target: endorser, reason: .endorser, source: id), Link(target: subject, reason: .endorsementSubject, source: id)])
        }
        func profile(_ id: IRI, _ name: String, endorsements: [IRI] = []) -> ParsedDocument {
            doc(
                id, .profile,
                profiles: [
                    Profile(id: id, types: ["Profile"], name: name, url: IRI(id.origin ?? id.string), endorsements: endorsements, version: .v2_0)
                ])
        }
        return [
            profile(issuer, "Example University"),
            profile(acme, "Acme Corp"),
            profile(beta, "Beta Org"),
            badge(pythonBasics, "Python Basics", "Writing small Python programs.", tags: ["python", "programming"], endorsements: [acmeOnPython]),
            badge(pythonAdvanced, "Python Advanced", "Python packaging and testing.", tags: ["python"]),
            badge(rust, "Rust Intro", "Ownership and borrowing in Rust.", tags: ["rust"]),
            badge(markup, markupName, "A badge about escaping HTML.", tags: ["html"]),
            endorsement(acmeOnPython, by: acme, of: pythonBasics, comment: "Our engineers rely on this badge."),
            endorsement(acmeOnMarkup, by: acme, of: markup, comment: "Escaping <b>matters</b>."),
            endorsement(betaOnAdvanced, by: beta, of: pythonAdvanced, comment: "Solid."),
            endorsement(betaOnIssuer, by: beta, of: issuer, comment: "A trustworthy issuer."),
            doc(
                assertion, .assertion,
                assertions: [
                    Assertion(id: assertion, types: ["Assertion"], badge: pythonBasics, issuer: issuer, issuedOn: endorsedOn, version: .v2_0)
                ],
                links: [Link(target: pythonBasics, reason: .badge, source: assertion)]),
        ]
    }
}
