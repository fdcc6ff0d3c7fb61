import Foundation

/// A deterministic web of Open Badges documents generated on request: host `hN.bench.example` serves
/// `/robots.txt`, `/issuer.json` (a profile listing its endorsements), `/e/I.json` (an endorsement by the next host's
/// issuer of `/badges/I.json`) and `/badges/I.json` (a badge listing that endorsement back). Benchmarks crawl it at
/// size; tests crawl a few thousand documents of it.
///
/// With `signedEndorsements`, each endorsement is served as given instead (by host, then number): a compact JWS
/// (`application/vc+jwt`) or a JSON credential with a Data Integrity proof (`application/ld+json`), made by the
/// caller from ``credential(host:number:)``.
public struct GeneratedBadgeWeb: LoopbackResponder {
    /// How signed endorsements are served.
    public enum SignedForm: Sendable {
        case jwt
        case dataIntegrity
    }

    public let hosts: Int
    public let endorsementsPerHost: Int
    /// The signed endorsements by host, then number (JWS text or JSON); nil for the unsigned web.
    public let tokens: [[String]]?
    public let form: SignedForm?
    public static let context = "https://w3id.org/openbadges/v2"

    public init(hosts: Int, endorsementsPerHost: Int, signedEndorsements tokens: [[String]]? = nil, form: SignedForm? = nil) {
        self.hosts = hosts
        self.endorsementsPerHost = endorsementsPerHost
        self.tokens = tokens
        self.form = tokens == nil ? nil : form
    }

    /// The OB 3.0 EndorsementCredential of endorsement `number` of host `index`, its issuer left as `ISSUER`.
    public static func credential(host index: Int, number: Int) -> String {
        let base = "http://\(host(index))"
        return
            #"{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"id":"\#(base)/e/\#(number).json","type":["VerifiableCredential","EndorsementCredential"],"name":"Endorsement \#(number)","issuer":{"id":"ISSUER","type":["Profile"],"name":"Signing endorser"},"validFrom":"2024-03-01T00:00:00Z","credentialSubject":{"id":"\#(base)/badges/\#(number).json","type":["EndorsementSubject"],"endorsementComment":"Endorsement \#(number) of host \#(index): a sound assessment of practical skills in data analysis."}}"#
    }

    /// Documents each host serves (robots.txt aside).
    public var documentsPerHost: Int { 1 + 2 * endorsementsPerHost }

    /// The issuer profiles, one per host: every other document is reached from them.
    public var seeds: [String] { (0..<hosts).map { "http://\(Self.host($0))/issuer.json" } }

    public static func host(_ index: Int) -> String { "h\(index).bench.example" }

    public func respond(to request: LoopbackRequest) -> LoopbackResponse {
        guard let name = request.host, name.hasPrefix("h"), let index = Int(name.dropFirst().prefix { $0.isNumber }), index < hosts else {
            return .text("no such host", status: 404)
        }
        let base = "http://\(Self.host(index))"
        let path = request.path
        if path == "/robots.txt" { return .text("User-agent: *\nDisallow: /private/\n") }
        if path == "/issuer.json" {
            let endorsements = (0..<endorsementsPerHost).map { "\"\(base)/e/\($0).json\"" }.joined(separator: ",")
            return .json(
                #"{"@context":"\#(Self.context)","type":"Issuer","id":"\#(base)/issuer.json","name":"Issuer \#(index)","email":"badges@\#(Self.host(index))","endorsement":[\#(endorsements)]}"#
            )
        }
        if let number = Self.number(path, prefix: "/e/"), number < endorsementsPerHost, let tokens {
            let type = form == .dataIntegrity ? "application/ld+json" : "application/vc+jwt"
            return LoopbackResponse(headers: [("Content-Type", type)], body: Array(tokens[index][number].utf8))
        }
        if let number = Self.number(path, prefix: "/e/"), number < endorsementsPerHost {
            let endorser = "http://\(Self.host((index + 1) % hosts))/issuer.json"
            return .json(
                #"{"@context":"\#(Self.context)","type":"Endorsement","id":"\#(base)/e/\#(number).json","issuer":"\#(endorser)","claim":{"id":"\#(base)/badges/\#(number).json","endorsementComment":"Endorsement \#(number) of host \#(index): a sound assessment of practical skills in data analysis."},"issuedOn":"2024-03-01T00:00:00Z","verification":{"type":"hosted"}}"#
            )
        }
        if let number = Self.number(path, prefix: "/badges/"), number < endorsementsPerHost {
            return .json(
                #"{"@context":"\#(Self.context)","type":"BadgeClass","id":"\#(base)/badges/\#(number).json","name":"Badge \#(number) of issuer \#(index)","description":"Skills in topic \#(number % 37) assessed by project work.","issuer":"\#(base)/issuer.json","tags":["topic\#(number % 37)","bench"],"criteria":{"narrative":"Complete the project."},"endorsement":["\#(base)/e/\#(number).json"]}"#
            )
        }
        return .text("not found", status: 404)
    }

    static func number(_ path: String, prefix: String) -> Int? {
        guard path.hasPrefix(prefix), path.hasSuffix(".json") else { return nil }
        return Int(path.dropFirst(prefix.count).dropLast(5))
    }
}
