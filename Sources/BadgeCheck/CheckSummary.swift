import EndorsementStore
import Foundation
import OpenBadges
import Verification

/// The verdict in words that fit one screen.
enum CheckSummary {
    /// "Valid badge 'Data Science Foundations' issued by Northbridge Data Academy on 2025-03-01 to the holder of
    /// ann@example.org; 3 endorsements: 2 signed, 1 hosted, 1 not acknowledged by the issuer; its issuer: 1
    /// endorsement (hosted)."
    static func sentence(for report: CheckReport) -> String {
        let name = report.badge?.name ?? report.award.name
        let badge = name.map { "badge '\($0)'" } ?? report.badge.map { "badge \($0.id)" } ?? "badge"
        let issuer = (report.issuer?.name ?? report.issuer?.id.string).map { " issued by \($0)" } ?? ""
        let date = report.award.issuedOn.map { " on \(day($0))" } ?? ""
        let holder = report.recipientMatch?.state == .matched ? report.recipient.map { " to the holder of \($0)" } ?? "" : ""
        let head: String
        switch report.verdict {
        case .valid: head = "Valid \(badge)\(issuer)\(date)\(holder)"
        case .notValid: head = "NOT VALID: \(badge)\(issuer)\(date): \(report.reasons.first ?? "")"
        case .couldNotCheck: head = "Could not check \(badge)\(issuer)\(date): \(report.reasons.first ?? "")"
        }
        let more = report.reasons.count > 1 ? " (and \(report.reasons.count - 1) more reason\(report.reasons.count > 2 ? "s" : ""))" : ""
        var text = head + more
        if report.verdict != .valid, report.reasons.isEmpty { text = head }
        guard report.badge != nil || !report.endorsements.isEmpty else { return text + "." }
        text += "; " + endorsements(report.endorsements.map(\.endorsement))
        if !report.issuerEndorsements.isEmpty { text += "; its issuer: " + endorsements(report.issuerEndorsements.map(\.endorsement)) }
        return text + "."
    }

    /// "3 endorsements: 2 signed, 1 hosted, 1 not acknowledged by the issuer", or "no endorsements".
    static func endorsements(_ views: [EndorsementView]) -> String {
        guard !views.isEmpty else { return "no endorsements" }
        let order: [(VerificationLevel, String)] = [
            (.signed, "signed"), (.hosted, "hosted"), (.issuerEmbedded, "issuer-embedded"), (.unverified, "unverified"), (.invalid, "INVALID"),
        ]
        var parts = order.compactMap { level, word -> String? in
            let count = views.filter { $0.verification == level && !$0.revoked }.count
            return count == 0 ? nil : "\(count) \(word)"
        }
        let revoked = views.filter(\.revoked).count
        if revoked > 0 { parts.append("\(revoked) revoked") }
        let outside = views.filter { $0.acknowledged == .unacknowledged }.count
        if outside > 0 { parts.append("\(outside) not acknowledged by the issuer") }
        return "\(views.count) endorsement\(views.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
