import EndorsementStore
import Foundation
import OpenBadges

/// A deterministic synthetic index for the serve benchmark: issuers, endorsers, and badges named from a small vocabulary,
/// every other badge carrying an embedded endorsement it also lists (issuer-embedded, acknowledged).
struct SyntheticCorpus: Sendable {
    let badges: Int
    let issuers: Int
    let endorsers: Int

    init(badges: Int) {
        self.badges = badges
        self.issuers = max(1, badges / 200)
        self.endorsers = max(1, badges / 50)
    }

    var documentCount: Int { issuers + endorsers + badges }

    static let vocabulary: [String] = """
        python rust swift java kotlin scala haskell ocaml erlang elixir go ruby perl php javascript typescript sql nosql \
        data science analytics statistics machine learning vision speech robotics cloud devops security network privacy \
        design research writing teaching leadership management finance marketing sales support health safety nursing \
        chemistry physics biology geology ecology climate energy water farming cooking welding carpentry plumbing \
        electrical driving aviation sailing music painting drawing photography film theatre dance sport coaching \
        mathematics algebra geometry calculus logic philosophy history geography language english french spanish german \
        italian chinese japanese arabic law ethics accounting auditing logistics supply retail hospitality tourism \
        gardening forestry fishing mining textiles fashion architecture surveying mapping drones electronics embedded \
        testing quality agile scrum kanban product strategy innovation entrepreneurship community volunteering mentoring
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static let levels = ["basics", "foundations", "intermediate", "advanced", "expert", "practitioner", "professional", "master"]

    func issuer(_ index: Int) -> IRI { IRI("https://issuer\(index).bench.example/profile") }
    func endorser(_ index: Int) -> IRI { IRI("https://endorser\(index).bench.example/profile") }
    func badge(_ index: Int) -> IRI { IRI("https://issuer\(index % issuers).bench.example/badges/\(index).json") }

    func word(_ seed: Int) -> String {
        // A multiplicative hash spreads consecutive seeds over the vocabulary.
        Self.vocabulary[Int((UInt64(truncatingIfNeeded: seed) &* 2_654_435_761) % UInt64(Self.vocabulary.count))]
    }

    /// Records every document, calling `progress` with the number done.
    func write(into store: EndorsementStore, progress: (Int) -> Void) throws {
        var done = 0
        for index in 0..<issuers {
            try record(profile(issuer(index), name: "\(word(index).capitalized) Institute \(index)"), into: store)
            done += 1
            progress(done)
        }
        for index in 0..<endorsers {
            try record(profile(endorser(index), name: "\(word(index + 7).capitalized) Guild \(index)"), into: store)
            done += 1
            progress(done)
        }
        for index in 0..<badges {
            try record(badgeDocument(index, id: badge(index)), into: store)
            done += 1
            progress(done)
        }
    }

    /// One more badge document for the concurrent writer, outside the numbering of the main corpus.
    func writeExtra(serial: Int, into store: EndorsementStore) throws {
        try record(badgeDocument(badges + serial, id: IRI("https://writer.bench.example/badges/\(serial).json")), into: store)
    }

    func profile(_ id: IRI, name: String) -> ParsedDocument {
        ParsedDocument(
            url: id, format: .json, version: .v2_0, rootKind: .profile, rootID: id,
            profiles: [Profile(id: id, types: ["Profile"], name: name, url: IRI(id.origin ?? id.string), version: .v2_0)])
    }

    func badgeDocument(_ index: Int, id: IRI) -> ParsedDocument {
        let subject = "\(word(index)) \(word(index / 3 + 11))"
        let name = "\(subject.capitalized) \(Self.levels[index % Self.levels.count].capitalized)"
        let description = "Shows \(subject) skills: \(word(index + 5)), \(word(index + 17)) and \(word(index * 7 + 3)) in practice."
        let issuerID = issuer(index % issuers)
        var endorsementIDs: [IRI] = []
        var endorsements: [Endorsement] = []
        if index.isMultiple(of: 2) {
            let endorsementID = IRI(id.string + "#endorsement")
            endorsementIDs.append(endorsementID)
            endorsements.append(
                Endorsement(
                    key: endorsementID, id: endorsementID, types: ["Endorsement"], endorser: endorser(index % endorsers), subject: id,
                    comment: "Recommended for \(word(index + 9)) teams.", issuedOn: Date(timeIntervalSince1970: 1_700_000_000),
                    version: .v2_0))
        }
        return ParsedDocument(
            url: id, format: .json, version: .v2_0, rootKind: .badge, rootID: id,
            badges: [
                BadgeClass(
                    id: id, types: ["BadgeClass"], name: name, description: description, issuer: issuerID, tags: [word(index), word(index + 1)],
                    endorsements: endorsementIDs, version: .v2_0)
            ],
            endorsements: endorsements,
            links: [Link(target: issuerID, reason: .issuer, source: id)])
    }

    private func record(_ document: ParsedDocument, into store: EndorsementStore) throws {
        let fetch = FetchRecord(url: document.url, status: 200, contentType: "application/ld+json", body: Array(#"{"id":"\#(document.url)"}"#.utf8))
        try store.record(fetch, parsed: document)
    }

    /// A wrk script that asks for one vocabulary word per request (`pairs`: two words, which must both match), in a
    /// fixed pseudo-random order.
    func wrkScript(pairs: Bool) -> String {
        let words = Self.vocabulary.map { "\"\($0)\"" }.joined(separator: ",")
        let query = pairs ? #"words[(n * 7919) % #words + 1] .. "+" .. words[(n * 104729 + 13) % #words + 1]"# : "words[(n * 7919) % #words + 1]"
        return """
            local words = {\(words)}
            local n = 0
            request = function()
              n = n + 1
              return wrk.format("GET", "/api/search?q=" .. \(query) .. "&limit=20")
            end

            """
    }
}
