import Foundation
import OpenBadges

/// Verifies credentials and endorsements: compact JWS (VC-JWT in its VC 1.1 and 2.0 forms, OB 2.0
/// `SignedBadge`) and JSON documents, against keys from a ``KeySource``. Pure: it reads only what the source
/// hands it, and reports what it would need next in ``VerificationReport/needed``.
///
/// Cost: one signature check per candidate key, at most ``maxKeyTries`` (a JWKS without `kid` is tried key by
/// key), on keys of at most ``PublicKey/maxRSABits``.
public struct Verifier: Sendable {
    /// The clock skew allowed on validity dates either side: five minutes, what JWT libraries commonly allow
    /// (RFC 7519 section 4.1.4 leaves it to the verifier).
    public static let defaultClockSkew: TimeInterval = 300
    /// The most keys tried for one signature.
    public static let maxKeyTries = 32
    /// The deepest nesting of arrays and objects read in a document to verify (credentials nest a few levels).
    public static let maxDocumentDepth = 64

    /// The time validity is judged at.
    public var now: Date
    /// The skew allowed on validity dates.
    public var clockSkew: TimeInterval
    /// Whether the status list is read (off for a status list credential itself: its own status is not asked).
    var checksStatus = true
    /// How Data Integrity proofs' documents are canonicalised, and so which JSON-LD contexts exist: endorse's pinned
    /// contexts unless a caller (a test suite with contexts of its own) says otherwise.
    public var canonicalizer: ProofCanonicalizer = .pinned

    /// Creates a verifier judging validity at `now`.
    public init(now: Date = Date(), clockSkew: TimeInterval = Verifier.defaultClockSkew) {
        self.now = now
        self.clockSkew = clockSkew
    }

    /// Verifies a document as fetched or read from a file: a compact JWS, or a JSON credential.
    public func verify(bytes: [UInt8], source: some KeySource) -> VerificationReport {
        let text = String(decoding: bytes.prefix(SignedToken.maxBytes + 1), as: UTF8.self)
        let trimmed = text.drop(while: \.isWhitespace)
        if let first = trimmed.first, first != "{" && first != "[" {
            return verify(token: text, source: source)
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes: bytes, maxDepth: Self.maxDocumentDepth)
        } catch {
            var report = VerificationReport(form: .unsigned)
            report.signature = Fact(.invalid, "the document is not JSON endorse reads: \(error.reason)")
            return report
        }
        guard json.isObject else {
            var report = VerificationReport(form: .unsigned)
            report.signature = Fact(.invalid, "the document is neither a compact JWS nor a JSON object")
            return report
        }
        return verify(credential: json, source: source)
    }

    /// Verifies a JSON credential or endorsement: its embedded Data Integrity proofs (see
    /// ``checkEmbeddedProofs(of:issuer:documents:into:)``), or `missing` for a document without one. Validity and
    /// status are judged either way.
    public func verify(credential: JSONValue, source: some KeySource) -> VerificationReport {
        var report = VerificationReport(form: credential["proof"] == nil ? .unsigned : .embeddedProof)
        report.credentialID = identifier(credential).map { IRI($0) }
        report.issuer = identifier(credential["issuer"]).map { IRI($0) }
        report.validity = validity(of: credential, claims: nil)
        var documents = Documents(source)
        if credential["proof"] != nil {
            checkEmbeddedProofs(of: credential, issuer: report.issuer?.string, documents: &documents, into: &report)
        }
        if checksStatus {
            report.status = StatusCheck(verifier: self, issuer: report.issuer?.string, credentialID: report.credentialID?.string)
                .status(of: credential, documents: &documents)
        }
        report.needed = documents.needed
        return report
    }

    /// Verifies an endorsement's signed copy as the index keeps it: a compact JWS, or the JSON of a credential
    /// with an embedded proof (text starting with `{`).
    public func verify(signedCopy: String, source: some KeySource) -> VerificationReport {
        guard signedCopy.utf8.first == UInt8(ascii: "{") else { return verify(token: signedCopy, source: source) }
        return verify(bytes: Array(signedCopy.utf8), source: source)
    }

    /// Verifies a compact JWS.
    public func verify(token: String, source: some KeySource) -> VerificationReport {
        let jws: SignedToken
        do {
            jws = try SignedToken(token)
        } catch {
            var report = VerificationReport(form: .vcJWT20)
            report.signature = Fact(.invalid, "malformed token: \(error.reason)")
            return report
        }
        var documents = Documents(source)
        let form = Self.form(of: jws.payload)
        let credential = form == .vcJWT11 ? (jws.payload["vc"] ?? jws.payload) : jws.payload
        var report = VerificationReport(form: form)
        report.algorithm = jws.algorithm
        report.credentialID = (identifier(credential) ?? jws.payload["jti"]?.string).map { IRI($0) }
        let issuer =
            form == .ob2Signed ? ob2Issuer(of: credential, documents: &documents) : (identifier(credential["issuer"]) ?? jws.payload["iss"]?.string)
        report.issuer = issuer.map { IRI($0) }
        report.validity = validity(of: credential, claims: form == .ob2Signed ? nil : jws.payload)
        if form != .ob2Signed { report.claimProblems = claimProblems(payload: jws.payload, credential: credential) }

        checkSignature(of: jws, form: form, credential: credential, issuer: issuer, documents: &documents, into: &report)
        if checksStatus {
            report.status =
                form == .ob2Signed
                ? ob2Status(of: credential, issuer: issuer, documents: &documents)
                : StatusCheck(verifier: self, issuer: issuer, credentialID: report.credentialID?.string).status(of: credential, documents: &documents)
        }
        report.needed = documents.needed
        return report
    }

    // MARK: - Signature and key

    private func checkSignature(
        of jws: SignedToken, form: CredentialForm, credential: JSONValue, issuer: String?, documents: inout Documents,
        into report: inout VerificationReport
    ) {
        guard let algorithm = SignatureAlgorithm(rawValue: jws.algorithm ?? "") else {
            let name = jws.algorithm ?? "(none)"
            let why = name.hasPrefix("HS") ? ": a shared-secret MAC proves nothing to a third party" : ""
            report.signature = Fact(.unsupported, "alg \(name) is not verified\(why)")
            return
        }
        let candidates: [KeyCandidate]
        switch KeyResolver(jws: jws, form: form, credential: credential, issuer: issuer).candidates(documents: &documents) {
        case .success(let found): candidates = found
        case .failure(let problem):
            report.signature = problem.fact
            return
        }
        let fitting = candidates.filter { algorithm.fits($0.key) }
        guard !fitting.isEmpty else {
            let kinds = Set(candidates.map(\.key.description)).sorted().joined(separator: ", ")
            report.signature = Fact(.invalid, "the token says \(algorithm.rawValue) but the key is \(kinds)")
            report.keyID = candidates.first?.keyID
            return
        }
        guard
            let signer = fitting.prefix(Self.maxKeyTries).first(where: {
                algorithm.isValid(signature: jws.signature, for: jws.signingInput, key: $0.key)
            })
        else {
            let tried = min(fitting.count, Self.maxKeyTries)
            report.signature = Fact(
                .invalid, tried == 1 ? "the signature does not match the key \(fitting[0].keyID)" : "the signature matches none of \(tried) keys")
            report.keyID = fitting.count == 1 ? fitting[0].keyID : nil
            return
        }
        report.signature = Fact(.valid, "\(algorithm.rawValue) with \(signer.key.description)")
        report.keyID = signer.keyID
        report.key = signer.key.description
        report.weakKey = signer.key.isWeak
        report.keyBinding = KeyBinder(issuer: issuer).binding(of: signer, documents: &documents)
    }

    // MARK: - Forms and issuers

    private static func form(of payload: JSONValue) -> CredentialForm {
        if payload["vc"]?.isObject == true { return .vcJWT11 }
        let contexts = (payload["@context"]?.values ?? []).compactMap(\.string)
        let types = (payload["type"]?.values ?? []).compactMap(\.string)
        if types.contains("VerifiableCredential") || contexts.contains(where: { $0.hasPrefix("https://www.w3.org/") }) {
            return .vcJWT20
        }
        if contexts.contains(where: { $0.contains("openbadges") }) || payload["verification"] != nil { return .ob2Signed }
        return .vcJWT20
    }

    /// OB 2.0: an endorsement's `issuer`, or an assertion's badge's `issuer` (the badge embedded or fetched).
    private func ob2Issuer(of credential: JSONValue, documents: inout Documents) -> String? {
        if let issuer = identifier(credential["issuer"]) { return issuer }
        guard let badge = credential["badge"] else { return nil }
        if let embedded = identifier(badge["issuer"]) { return embedded }
        guard let badgeURL = badge.string, case .success(let document) = documents.json(at: badgeURL) else { return nil }
        return identifier(document["issuer"])
    }

    // MARK: - Validity and claims

    private func validity(of credential: JSONValue, claims: JSONValue?) -> Fact<ValidityState> {
        let from = credential.first("validFrom", "issuanceDate").flatMap(DateParsing.date(from:))
        let jwtFrom = claims?["nbf"].flatMap(DateParsing.date(from:))
        let until = credential.first("validUntil", "expirationDate", "expires").flatMap(DateParsing.date(from:))
        let jwtUntil = claims?["exp"].flatMap(DateParsing.date(from:))
        let style = Date.ISO8601FormatStyle()
        if let end = [until, jwtUntil].compactMap({ $0 }).min(), now.timeIntervalSince(end) > clockSkew {
            return Fact(.expired, "valid until \(end.formatted(style))")
        }
        if let start = [from, jwtFrom].compactMap({ $0 }).max(), start.timeIntervalSince(now) > clockSkew {
            return Fact(.notYetValid, "valid from \(start.formatted(style))")
        }
        return Fact(.current)
    }

    /// OB 3.0 section 8.2.4.2 (VC-JWT): `iss`, `sub`, `jti`, `nbf` and `exp`, where present, must agree with the
    /// credential.
    private func claimProblems(payload: JSONValue, credential: JSONValue) -> [String] {
        var problems: [String] = []
        func compare(_ claim: String, _ value: String?, _ member: String) {
            if let claimed = payload[claim]?.string, let value, !sameParty(claimed, value) {
                problems.append("\(claim) '\(claimed)' differs from \(member) '\(value)'")
            }
        }
        compare("iss", identifier(credential["issuer"]), "issuer")
        compare("sub", identifier(credential["credentialSubject"]?.values.first), "credentialSubject.id")
        compare("jti", credential["id"]?.string, "id")
        func compareDate(_ claim: String, _ members: [String]) {
            guard let claimed = payload[claim].flatMap(DateParsing.date(from:)),
                let member = members.lazy.compactMap({ credential[$0] }).first, let date = DateParsing.date(from: member)
            else { return }
            if abs(claimed.timeIntervalSince(date)) >= 1 {
                problems.append(
                    "\(claim) \(claimed.formatted(Date.ISO8601FormatStyle())) differs from \(members[0]) \(date.formatted(Date.ISO8601FormatStyle()))"
                )
            }
        }
        compareDate("nbf", ["validFrom", "issuanceDate"])
        compareDate("exp", ["validUntil", "expirationDate"])
        return problems
    }

    // MARK: - Status

    /// OB 2.0: the issuer profile's `revocationList`, whose `revokedAssertions` holds ids or `{id, revocationReason}`.
    private func ob2Status(of credential: JSONValue, issuer: String?, documents: inout Documents) -> Fact<StatusState> {
        guard let issuer else { return Fact(.unknown, "the issuer is not known") }
        let profile: JSONValue
        switch documents.json(at: issuer) {
        case .success(let document): profile = document
        case .failure(let failure): return Fact(.unknown, "the issuer profile: \(failure.reason)")
        }
        guard let listURL = identifier(profile["revocationList"]) else { return Fact(.none) }
        guard let id = identifier(credential) else { return Fact(.unknown, "the credential has no id to look up") }
        switch documents.json(at: listURL) {
        case .failure(let failure):
            return Fact(.unknown, "the revocation list: \(failure.reason)")
        case .success(let list):
            guard case .array(let entries)? = list["revokedAssertions"] else {
                return Fact(.unknown, "the revocation list at \(listURL) has no revokedAssertions")
            }
            for entry in entries where sameParty(identifier(entry), id) {
                return Fact(.revoked, entry["revocationReason"]?.string ?? "listed in \(listURL)")
            }
            return Fact(.active)
        }
    }

}
