import Foundation
import GRDB
import OpenBadges

/// The SQL condition on `badge b` for a search's filters, with its arguments (never user text in the SQL).
struct SearchFilter {
    var sql: String
    var values: [DatabaseValue]

    init(sql: String, values: [DatabaseValue]) {
        self.sql = sql
        self.values = values
    }

    var arguments: StatementArguments { StatementArguments(values) }

    /// The SQL with each `?` replaced by its argument as an SQL literal (strings quoted, quotes doubled).
    /// Assumes no `?` inside the SQL text itself, which holds for the statements built here.
    var inlined: String {
        var values = self.values.makeIterator()
        var result = ""
        for character in sql {
            guard character == "?", let value = values.next() else {
                result.append(character)
                continue
            }
            switch value.storage {
            case .null: result += "NULL"
            case .int64(let number): result += String(number)
            case .double(let number): result += String(number)
            case .string(let text): result += "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
            case .blob: result += "NULL"
            }
        }
        return result
    }
}

extension EndorsementStore {
    /// True when `text` reads as an IRI (`https://...`, `did:...`, `urn:...`) rather than as words.
    static func looksLikeIRI(_ text: String) -> Bool {
        let iri = IRI(text)
        guard let scheme = iri.scheme else { return false }
        return text.contains("://") || ["did", "urn"].contains(scheme)
    }

    /// `%text%` for LIKE, with `%`, `_` and the escape character escaped (`ESCAPE '\'`).
    static func likePattern(_ text: String) -> String {
        var escaped = ""
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\(escaped)%"
    }

    /// The conditions on `badge b` beyond the text (issuer, endorser, acknowledgement, verification); `sql` is
    /// empty when there are none. Endorsed-only is not among them: the FTS5 `flags` column answers it.
    static func filter(for query: SearchQuery) -> SearchFilter {
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        if let issuer = query.issuer?.trimmingCharacters(in: .whitespaces), !issuer.isEmpty {
            if looksLikeIRI(issuer) {
                conditions.append("b.issuerKey = ?")
                arguments += [IRI(issuer).matchKey.databaseValue]
            } else {
                conditions.append("b.issuerName LIKE ? ESCAPE '\\'")
                arguments += [likePattern(issuer).databaseValue]
            }
        }
        // Endorsement-level filters must hold for one and the same endorsement of the badge.
        var endorsement: [String] = []
        if let endorser = query.endorser?.trimmingCharacters(in: .whitespaces), !endorser.isEmpty {
            if looksLikeIRI(endorser) {
                endorsement.append("e.endorserKey = ?")
                arguments += [IRI(endorser).matchKey.databaseValue]
            } else {
                endorsement.append(
                    "(e.endorserName LIKE ?1 ESCAPE '\\' OR EXISTS (SELECT 1 FROM profile p WHERE p.key = e.endorserKey AND p.name LIKE ?1 ESCAPE '\\'))"
                        .replacingOccurrences(of: "?1", with: "?"))
                arguments += [likePattern(endorser).databaseValue, likePattern(endorser).databaseValue]
            }
        }
        switch query.acknowledgement {
        case .any: break
        case .acknowledgedOnly: endorsement.append("e.acknowledged = 'acknowledged'")
        case .unacknowledgedOnly: endorsement.append("e.acknowledged <> 'acknowledged'")
        }
        if let verification = query.verification {
            endorsement.append("e.verification = ?")
            arguments += [verification.rawValue.databaseValue]
        }
        if !endorsement.isEmpty {
            conditions.append(
                "EXISTS (SELECT 1 FROM endorsement e WHERE e.subjectKey = b.key AND e.revoked = 0 AND \(endorsement.joined(separator: " AND ")))")
        }
        return SearchFilter(sql: conditions.joined(separator: " AND "), values: arguments)
    }
}
