import Crawler
import EndorsementStore
import Foundation
import OpenBadges
import Verification

extension CheckRun {
    /// Matches the recipient, records or links what was fetched, gathers endorsements and writes the verdict.
    mutating func finish(_ early: CheckReport?, save: Bool) async -> CheckReport {
        var recipientMatch: Fact<RecipientState>?
        if let recipient, early == nil {
            let match = RecipientCheck.match(email: recipient, in: hostedCopy ?? credential)
            recipientMatch = match
            switch match.state {
            case .matched: break
            case .different: reasons.append((.notValid, "issued to someone else than \(recipient)"))
            case .none: reasons.append((.notValid, "the credential names no recipient, so it cannot be tied to \(recipient)"))
            case .unsupported: reasons.append((.couldNotCheck, match.detail ?? "the recipient cannot be compared with an email address"))
            }
        }
        let items = await log.items
        var saved = false
        var lookups: [EndorsementStore] = []
        var scratchFolder: URL?
        if save, let store = checker.store {
            do {
                try store.record(items)
                saved = true
            } catch {
                notes.append("what was fetched could not be saved in the index: \(error)")
            }
            lookups = [store]
        } else {
            if let store = checker.store { lookups.append(store) }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-check-\(UUID().uuidString)")
            scratchFolder = folder
            if !items.isEmpty, let scratch = try? EndorsementStore(path: folder.appendingPathComponent("scratch.sqlite").path) {
                if (try? scratch.record(items)) != nil { lookups.append(scratch) }
            }
        }
        defer { if let scratchFolder { try? FileManager.default.removeItem(at: scratchFolder) } }

        let documents = await allDocuments()
        let badge = badgeSummary(documents, lookups: lookups)
        let issuer = badge?.issuer ?? issuerID.map { id in ProfileSummary(id: id, name: documents.flatMap(\.profiles).first { $0.id == id }?.name) }
        var endorsements: [CheckedEndorsement] = []
        var issuerEndorsements: [CheckedEndorsement] = []
        if early == nil {
            endorsements = await gather(of: badgeID, kind: .badge, lookups: lookups)
            issuerEndorsements = await gather(of: issuer?.id, kind: .profile, lookups: lookups)
            let counts = endorserCounts(endorsements + issuerEndorsements, lookups: lookups)
            for index in endorsements.indices { endorsements[index].endorserEndorsements = counts[endorsements[index].endorserKey] ?? 0 }
            for index in issuerEndorsements.indices {
                issuerEndorsements[index].endorserEndorsements = counts[issuerEndorsements[index].endorserKey] ?? 0
            }
        }
        let verdict: CheckVerdict =
            reasons.contains { $0.verdict == .notValid } ? .notValid : reasons.isEmpty ? .valid : .couldNotCheck
        let ordered = reasons.filter { $0.verdict == .notValid } + reasons.filter { $0.verdict != .notValid }
        var report = CheckReport(
            verdict: verdict, summary: "", reasons: ordered.map(\.text), input: input, method: method, award: award, badge: badge,
            issuer: issuer, hosted: hosted, signature: signature, recipient: recipient, recipientMatch: recipientMatch,
            endorsements: endorsements, issuerEndorsements: issuerEndorsements, fetched: await log.documents, saved: saved)
        report.notes = notes
        report.summary = CheckSummary.sentence(for: report)
        return report
    }

    /// The badge as the documents describe it, else as the index knows it.
    private func badgeSummary(_ documents: [ParsedDocument], lookups: [EndorsementStore]) -> BadgeSummary? {
        guard let badgeID else { return nil }
        let candidates = documents.flatMap(\.badges).filter { $0.id?.canonical == badgeID.canonical }
        if let found = candidates.first(where: { $0.name != nil }) ?? candidates.first {
            let issuer = found.issuer ?? issuerID
            let profile = issuer.map { id in ProfileSummary(id: id, name: documents.flatMap(\.profiles).first { $0.id?.canonical == id.canonical && $0.name != nil }?.name) }
            return BadgeSummary(id: badgeID, name: found.name, description: found.description, issuer: profile, tags: found.tags, version: found.version?.rawValue)
        }
        for store in lookups { if let known = try? store.endorsers(ofBadge: badgeID).badge { return known } }
        return BadgeSummary(id: badgeID)
    }

    /// The endorsements of `subject`: the index's (and the scratch index's), then those only the credential carries.
    private mutating func gather(of subject: IRI?, kind: TargetKind, lookups: [EndorsementStore]) async -> [CheckedEndorsement] {
        guard let subject else { return [] }
        var result: [CheckedEndorsement] = []
        var seen = Set<String>()
        for (position, store) in lookups.enumerated() {
            let foundBy = position == 0 && checker.store != nil ? "index" : "fetched"
            for view in (try? store.endorsements(of: subject)) ?? [] where seen.insert(view.id.canonical.string).inserted {
                result.append(CheckedEndorsement(endorsement: view, foundBy: foundBy))
            }
        }
        let carried = (parsed?.endorsements ?? []).filter { $0.subject?.canonical == subject.canonical && !seen.contains($0.key.canonical.string) }
        await verifyEndorsements(carried.compactMap { $0.jwt ?? $0.proofDocument })
        for endorsement in carried {
            let report = (endorsement.jwt ?? endorsement.proofDocument).flatMap { endorsementReports[$0] }
            let verification: VerificationLevel =
                switch report?.outcome {
                case .verified?: .signed
                case .invalid?: .invalid
                default: .issuerEmbedded
                }
            let view = EndorsementView(
                id: endorsement.key, endorser: endorsement.endorser.map { ProfileSummary(id: $0, name: endorsement.endorserName) }, target: subject,
                targetKind: kind, comment: endorsement.comment, issuedOn: endorsement.issuedOn, version: endorsement.version?.rawValue,
                acknowledged: .acknowledged, publishedBy: [.issuer], verification: verification, revoked: endorsement.revoked,
                signatureCheck: report)
            result.append(CheckedEndorsement(endorsement: view, foundBy: "credential"))
        }
        return result
    }

    /// How many endorsements target each endorser, over the lookups (the largest count of any).
    private func endorserCounts(_ endorsements: [CheckedEndorsement], lookups: [EndorsementStore]) -> [String: Int] {
        let endorsers = endorsements.compactMap { $0.endorsement.endorser?.id }
        var counts: [String: Int] = [:]
        for store in lookups {
            for (iri, count) in (try? store.endorsementCounts(of: endorsers)) ?? [:] {
                counts[iri.canonical.string] = max(counts[iri.canonical.string] ?? 0, count)
            }
        }
        return counts
    }
}

extension CheckedEndorsement {
    var endorserKey: String { endorsement.endorser?.id.canonical.string ?? "" }
}
