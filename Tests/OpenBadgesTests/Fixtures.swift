import Foundation
import SharedMaterial
import Testing

@testable import OpenBadges

/// Shared helpers: the example corpus in `../shared/openbadges/examples` (tests that read it carry the
/// `.needsSharedMaterial` trait) and inline fixtures.
enum Fixtures {
    static let examplesFolder: URL = SharedMaterial.url("openbadges/examples")

    static func exampleBytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: examplesFolder.appendingPathComponent(relativePath)))
    }

    /// Parses an example file as if fetched from `url` (default: a URL derived from the file name).
    static func example(_ relativePath: String, url: String? = nil, contentType: String? = "application/ld+json") throws -> ParsedDocument {
        let source = IRI(url ?? "https://fixtures.example/\(relativePath)")
        return try DocumentParser().parse(exampleBytes(relativePath), url: source, contentType: contentType)
    }

    /// Parses inline text.
    static func parse(
        _ text: String, url: String = "https://issuer.example/doc.json", contentType: String? = "application/json",
        limits: ParserLimits = .default
    ) throws -> ParsedDocument {
        try DocumentParser(limits: limits).parse(Array(text.utf8), url: IRI(url), contentType: contentType)
    }

    /// The error a parse throws, or nil when it succeeds.
    static func error(_ body: [UInt8], contentType: String? = nil, limits: ParserLimits = .default) -> DocumentError? {
        do {
            _ = try DocumentParser(limits: limits).parse(body, url: "https://issuer.example/doc", contentType: contentType)
            return nil
        } catch {
            return error
        }
    }

    /// A UTC date from `yyyy-MM-ddTHH:mm:ssZ` components.
    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Double = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let whole = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
        return whole.addingTimeInterval(second)
    }

    /// A compact JWS with the given payload (header `{"alg":"RS256"}`, a dummy signature).
    static func jws(_ payload: String) -> String {
        func encode(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return "\(encode(#"{"alg":"RS256","typ":"JWT"}"#)).\(encode(payload)).c2lnbmF0dXJl"
    }
}

extension ParsedDocument {
    func profile(_ id: String) -> Profile? { profiles.first { $0.id == IRI(id) } }
    func badge(_ id: String) -> BadgeClass? { badges.first { $0.id == IRI(id) } }
    func assertion(_ id: String) -> Assertion? { assertions.first { $0.id == IRI(id) } }
    func endorsement(_ key: String) -> Endorsement? { endorsements.first { $0.key == IRI(key) } }
    func hasLink(_ target: String, _ reason: LinkReason) -> Bool { links.contains { $0.target == IRI(target) && $0.reason == reason } }
    var warningCodes: Set<String> { Set(warnings.map(\.code)) }
}
