import Foundation
import OpenBadges

/// Reads a credential's `credentialStatus` against the issuer's list: W3C Bitstring Status List 1.0
/// (`BitstringStatusListEntry`), its predecessor `StatusList2021Entry`, and the OB 3.0 `1EdTechRevocationList`.
///
/// A bitstring list is a credential itself, and believed only once verified: signed (a compact JWS, checked with
/// the same key rules as any credential), by a key bound to the credential's own issuer. A list that cannot be
/// checked makes the status `unknown`, never `active`.
struct StatusCheck {
    /// The largest decoded list read (a 131 072-entry list of 1-bit entries is 16 KiB).
    static let maxListBytes = 4 << 20

    let verifier: Verifier
    let issuer: String?
    let credentialID: String?

    func status(of credential: JSONValue, documents: inout Documents) -> Fact<StatusState> {
        guard let entry = credential["credentialStatus"]?.values.first else { return Fact(.none) }
        let types = entry["type"]?.strings ?? []
        if types.contains("BitstringStatusListEntry") || types.contains("StatusList2021Entry") {
            return bitstringStatus(entry, documents: &documents)
        }
        if types.contains("1EdTechRevocationList") { return revocationListStatus(entry, documents: &documents) }
        return Fact(.unknown, "the status method \(types.isEmpty ? "(untyped)" : types.joined(separator: ", ")) is not one endorse reads")
    }

    // MARK: Bitstring Status List

    private func bitstringStatus(_ entry: JSONValue, documents: inout Documents) -> Fact<StatusState> {
        guard let listURL = entry["statusListCredential"]?.string else { return Fact(.unknown, "the status entry names no statusListCredential") }
        guard let index = Self.integer(entry["statusListIndex"]), index >= 0 else {
            return Fact(.unknown, "the status entry's statusListIndex is not a non-negative integer")
        }
        let size = Self.integer(entry["statusSize"]) ?? 1
        guard (1...8).contains(size) else { return Fact(.unknown, "a statusSize of \(size) bits is not supported (1 to 8)") }
        let purpose = entry["statusPurpose"]?.string ?? "revocation"
        let body: [UInt8]
        switch documents.bytes(at: listURL) {
        case .success(let bytes): body = bytes
        case .failure(let failure): return Fact(.unknown, "the status list: \(failure.reason)")
        }
        let list: JSONValue
        switch believedList(body, url: listURL, documents: &documents) {
        case .success(let credential): list = credential
        case .failure(let failure): return Fact(.unknown, failure.reason)
        }
        let subject = list["credentialSubject"]?.values.first ?? .null
        if let listPurpose = subject["statusPurpose"]?.strings, !listPurpose.isEmpty, !listPurpose.contains(purpose) {
            return Fact(.unknown, "the list at \(listURL) is for \(listPurpose.joined(separator: ", ")), the entry for \(purpose)")
        }
        guard let encoded = subject["encodedList"]?.string, let bits = Self.decodeList(encoded) else {
            return Fact(.unknown, "the list at \(listURL) has no readable encodedList (multibase base64url of gzip)")
        }
        guard let value = Self.entry(at: index, size: size, in: bits) else {
            return Fact(.unknown, "index \(index) is beyond the list's \(bits.count * 8 / size) entries")
        }
        guard value != 0 else { return Fact(.active, "\(purpose) bit \(index) of \(listURL) is clear") }
        switch purpose {
        case "revocation": return Fact(.revoked, "bit \(index) of \(listURL) is set")
        case "suspension": return Fact(.suspended, "bit \(index) of \(listURL) is set")
        default: return Fact(.active, "\(purpose) status \(value) (neither revocation nor suspension)")
        }
    }

    /// The list credential, once it is shown to be the issuer's: a compact JWS or a credential with an embedded
    /// proof, verified like any credential (its own status not checked), whose issuer is the credential's issuer.
    private func believedList(_ body: [UInt8], url: String, documents: inout Documents) -> Result<JSONValue, Documents.Failure> {
        let text = String(decoding: body.prefix(SignedToken.maxBytes + 1), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var listVerifier = verifier
        listVerifier.checksStatus = false
        let list: JSONValue
        let report: VerificationReport
        if text.hasPrefix("{") {
            guard let json = try? JSONValue.parse(bytes: body, maxDepth: 64) else {
                return .failure(Documents.Failure(reason: "the status list at \(url) is not JSON"))
            }
            guard json["proof"] != nil else {
                return .failure(Documents.Failure(reason: "the status list at \(url) is not signed, so it cannot be believed"))
            }
            list = json
            report = listVerifier.verify(credential: json, source: documents.source)
        } else {
            guard let jws = try? SignedToken(text) else { return .failure(Documents.Failure(reason: "the status list at \(url) is malformed")) }
            list = jws.payload["vc"] ?? jws.payload
            report = listVerifier.verify(token: text, source: documents.source)
        }
        for needed in report.needed { documents.note(needed: needed) }
        guard report.signature.state == .valid, report.keyBinding.state == .bound else {
            return .failure(Documents.Failure(reason: "the status list at \(url) is not verified: \(report.summary)"))
        }
        guard sameParty(report.issuer?.string, issuer) else {
            return .failure(
                Documents.Failure(
                    reason: "the status list at \(url) is issued by \(report.issuer?.string ?? "nobody"), not \(issuer ?? "the issuer")"))
        }
        return .success(list)
    }

    /// `encodedList`: multibase base64url (`u...`, Bitstring Status List) or bare base64url (StatusList2021) of a
    /// gzip stream; padding tolerated.
    static func decodeList(_ encoded: String) -> [UInt8]? {
        var text = Substring(encoded)
        if text.first == "u" { text = text.dropFirst() }
        while text.last == "=" { text = text.dropLast() }
        guard let compressed = Base64URL.decodeLenient(text) else { return nil }
        return Gunzip.decompress(compressed, limit: maxListBytes)
    }

    /// The `size`-bit entry `index`, bits read most significant first (index 0 is the first byte's top bit).
    static func entry(at index: Int, size: Int, in bits: [UInt8]) -> Int? {
        let (first, overflow) = index.multipliedReportingOverflow(by: size)
        guard !overflow, first + size <= bits.count * 8 else { return nil }
        var value = 0
        for position in first..<(first + size) {
            value = value << 1 | Int((bits[position / 8] >> (7 - UInt8(position % 8))) & 1)
        }
        return value
    }

    private static func integer(_ value: JSONValue?) -> Int? {
        switch value {
        case .number(let number)?: number == number.rounded() && abs(number) < 1e15 ? Int(number) : nil
        case .string(let text)?: Int(text)
        default: nil
        }
    }

    // MARK: 1EdTech Revocation List

    /// OB 3.0 `1EdTechRevocationList`: the entry's `id` is the list's URL; the list names revoked credentials
    /// by id (`revokedCredentials`, or the OB 2.0 spelling `revokedAssertions`), as strings or
    /// `{id, revocationReason}` objects.
    private func revocationListStatus(_ entry: JSONValue, documents: inout Documents) -> Fact<StatusState> {
        guard let listURL = entry["id"]?.string else { return Fact(.unknown, "the status entry names no list") }
        guard let credentialID else { return Fact(.unknown, "the credential has no id to look up") }
        switch documents.json(at: listURL) {
        case .failure(let failure): return Fact(.unknown, "the revocation list: \(failure.reason)")
        case .success(let list):
            guard let entries = (list["revokedCredentials"] ?? list["revokedAssertions"])?.values else {
                return Fact(.unknown, "the revocation list at \(listURL) lists no revokedCredentials")
            }
            for revoked in entries where sameParty(identifier(revoked), credentialID) {
                return Fact(.revoked, revoked["revocationReason"]?.string ?? "listed in \(listURL)")
            }
            return Fact(.active, "not in \(listURL)")
        }
    }
}
