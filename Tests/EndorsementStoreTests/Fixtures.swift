import Foundation
import OpenBadges

@testable import EndorsementStore

/// A real database file in its own temporary folder, removed when the value is dropped.
final class TemporaryDatabase {
    let folder: URL
    let path: String

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-store-tests-\(UUID().uuidString)")
        path = folder.appendingPathComponent("Index/endorse.sqlite").path
    }

    func open(_ mode: EndorsementStore.Mode = .readWrite, countCap: Int = EndorsementStore.defaultCountCap) throws -> EndorsementStore {
        try EndorsementStore(path: path, mode: mode, countCap: countCap)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// Hand-built documents: the parser lives in another module, so fixtures are `ParsedDocument` values.
enum Fixture {
    static let issuer: IRI = "https://issuer.example/issuer"
    static let badge: IRI = "https://issuer.example/badges/1"
    static let endorser: IRI = "https://endorser.example/profile"
    static let endorsement: IRI = "https://endorser.example/endorsements/1"
    static let date = Date(timeIntervalSince1970: 1_700_000_000)

    static func fetch(_ url: IRI, status: Int? = 200, error: String? = nil, at offset: TimeInterval = 0) -> FetchRecord {
        FetchRecord(
            url: url, status: status, contentType: "application/json", body: status == 200 ? Array("{\"id\":\"\(url)\"}".utf8) : [],
            fetchedAt: date.addingTimeInterval(offset), error: error)
    }

    /// A 200 fetch of the document's URL whose body stands for the document (a changed document has a changed body).
    static func fetch(_ document: ParsedDocument, at offset: TimeInterval = 0) -> FetchRecord {
        var fetch = fetch(document.url, at: offset)
        fetch.body = Array(String(describing: document).utf8)
        return fetch
    }

    static func badgeDocument(
        _ url: IRI = badge, name: String = "Open Collaboration", description: String = "Awarded to learners who collaborate.",
        issuer: IRI = issuer, lists: [IRI] = [], embeds: [Endorsement] = [], tags: [String] = ["teamwork"]
    ) -> ParsedDocument {
        ParsedDocument(
            url: url, format: .json, version: .v2_0, rootKind: .badge, rootID: url,
            badges: [
                BadgeClass(
                    id: url, types: ["BadgeClass"], name: name, description: description, issuer: issuer, tags: tags,
                    criteriaNarrative: "Work in a team of four.", endorsements: lists + embeds.map(\.key), version: .v2_0)
            ],
            endorsements: embeds)
    }

    static func endorsementValue(
        _ id: IRI = endorsement, endorser: IRI = endorser, subject: IRI = badge, comment: String = "This badge is well endorsed by us."
    ) -> Endorsement {
        Endorsement(
            key: id, id: id, types: ["Endorsement"], endorser: endorser, subject: subject, comment: comment, issuedOn: date,
            version: .v2_0, proofKinds: ["hosted"])
    }

    static func endorsementDocument(_ endorsement: Endorsement, at url: IRI? = nil) -> ParsedDocument {
        let url = url ?? endorsement.key
        return ParsedDocument(
            url: url, format: .json, version: .v2_0, rootKind: .endorsement, rootID: endorsement.id, endorsements: [endorsement])
    }

    static func profileDocument(_ id: IRI, name: String, description: String? = nil, lists: [IRI] = []) -> ParsedDocument {
        ParsedDocument(
            url: id, format: .json, version: .v2_0, rootKind: .profile, rootID: id,
            profiles: [
                Profile(id: id, types: ["Profile"], name: name, description: description, url: IRI("https://\(id.host ?? "x")/"), endorsements: lists)
            ])
    }
}

extension EndorsementStore {
    /// Records a parsed document as fetched with 200 from its URL.
    func record(_ document: ParsedDocument, at offset: TimeInterval = 0) throws {
        try record(Fixture.fetch(document, at: offset), parsed: document)
    }

    /// The single endorsement with this id, by way of its endorser.
    func endorsementView(_ id: IRI = Fixture.endorsement, endorser: IRI = Fixture.endorser) throws -> EndorsementView? {
        try endorsements(byEndorser: endorser).endorsements.first { $0.id.matchKey == id.matchKey }
    }
}
