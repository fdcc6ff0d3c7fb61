import Crypto
import OpenBadges

/// Whether a credential was issued to the person a checker names, by email address.
public enum RecipientState: String, Sendable, Hashable, Codable {
    /// The credential names this email address (in the clear or as a matching salted hash).
    case matched
    /// The credential names an email address, and it is another one.
    case different
    /// The credential names its recipient in a way that cannot be compared with an email address (another
    /// identity type, an unknown hash algorithm).
    case unsupported
    /// The credential names no recipient.
    case none
}

/// Matches an email address against the recipient a credential names: the OB 2.0 `recipient` IdentityObject
/// (`type: email`, `identity` plain or `sha256$` / `md5$` of the address followed by `salt`, Open Badges 2.0
/// "IdentityObject") and the OB 3.0 `credentialSubject.identifier` entries (`identityType: emailAddress`,
/// `identityHash`, `hashed`, `salt`, OB 3.0 section B.1.10). Addresses compare as given and in lower case, after
/// trimming: issuers differ in whether they lower-case before hashing.
public enum RecipientCheck {
    /// What `credential` says of `email`: `matched` as soon as one stated identity matches.
    public static func match(email: String, in credential: JSONValue) -> Fact<RecipientState> {
        let given = email.trimmedWhitespace
        let candidates = Array(Set([given, given.lowercased()]))
        var identities: [(identity: String, hashed: Bool, salt: String)] = []
        var other: String?
        if case .object(let recipient)? = credential["recipient"] {
            let type = recipient["type"]?.string ?? "email"
            if type.lowercased() == "email", let identity = recipient["identity"]?.string {
                identities.append((identity, recipient["hashed"] == .bool(true), recipient["salt"]?.string ?? ""))
            } else {
                other = "the recipient is identified by \(type), not an email address"
            }
        }
        for subject in credential["credentialSubject"]?.values ?? [] {
            for entry in subject["identifier"]?.values ?? [] {
                guard let identity = entry["identityHash"]?.string else { continue }
                let type = entry["identityType"]?.string ?? ""
                guard type == "emailAddress" else {
                    other = other ?? "the subject is identified by \(type.isEmpty ? "an untyped identity" : type), not an email address"
                    continue
                }
                identities.append((identity, entry["hashed"] == .bool(true), entry["salt"]?.string ?? ""))
            }
        }
        guard !identities.isEmpty else { return other.map { Fact(.unsupported, $0) } ?? Fact(.none, "the credential names no recipient") }
        var unreadable: String?
        for (identity, hashed, salt) in identities {
            guard hashed else {
                if candidates.contains(where: { $0.lowercased() == identity.trimmedWhitespace.lowercased() }) {
                    return Fact(.matched, "issued to \(identity)")
                }
                continue
            }
            guard let digest = Self.digest(identity) else {
                unreadable = "the recipient hash '\(identity.prefix(24))' is neither sha256$ nor md5$ hex"
                continue
            }
            for candidate in candidates where Self.hex(of: candidate + salt, algorithm: digest.algorithm) == digest.hex {
                return Fact(.matched, "the \(digest.algorithm)\(salt.isEmpty ? "" : " salted") hash of \(candidate)")
            }
        }
        if let unreadable, identities.count == 1 { return Fact(.unsupported, unreadable) }
        return Fact(.different, "issued to someone else (\(identities.count == 1 ? "its" : "none of its \(identities.count)") email identity does not match)")
    }

    private static func digest(_ identity: String) -> (algorithm: String, hex: String)? {
        let parts = identity.split(separator: "$", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let algorithm = parts[0].lowercased()
        let hex = parts[1].lowercased()
        let length = algorithm == "sha256" ? 64 : algorithm == "md5" ? 32 : 0
        guard length > 0, hex.utf8.count == length, hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            return nil
        }
        return (algorithm, hex)
    }

    private static func hex(of text: String, algorithm: String) -> String {
        algorithm == "md5" ? lowercaseHex(Insecure.MD5.hash(data: Array(text.utf8))) : lowercaseHex(SHA256.hash(data: Array(text.utf8)))
    }
}
