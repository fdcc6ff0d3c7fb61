import LoopbackWeb
import OpenBadges

extension GeneratedBadgeWeb {
    /// The benchmark's web; with `form`, every endorsement is an OB 3.0 EndorsementCredential signed once now: a
    /// compact JWS (EdDSA, ES256 and RS256 in turn, see `BenchSigners`), or JSON with an eddsa-rdfc-2022 Data
    /// Integrity proof by the Ed25519 key's did:key.
    init(hosts: Int, endorsementsPerHost: Int, signed form: SignedForm?) throws {
        guard let form else {
            self.init(hosts: hosts, endorsementsPerHost: endorsementsPerHost)
            return
        }
        let signers = try BenchSigners()
        let tokens = try (0..<hosts).map { index in
            try (0..<endorsementsPerHost).map { number in
                let credential = Self.credential(host: index, number: number)
                switch form {
                case .jwt: return try signers.token(BenchSigners.algorithm(number), payload: credential)
                case .dataIntegrity: return try signers.dataIntegrity(credential)
                }
            }
        }
        self.init(hosts: hosts, endorsementsPerHost: endorsementsPerHost, signedEndorsements: tokens, form: form)
    }

    /// The seeds as IRIs.
    var seedIRIs: [IRI] { seeds.map { IRI($0) } }
}
