import Foundation
import OpenBadges

/// The `did:web` method (W3C CCG did:web): `did:web:HOST` resolves to `https://HOST/.well-known/did.json`,
/// `did:web:HOST:A:B` to `https://HOST/A/B/did.json`; a port is written percent-encoded (`HOST%3A8443`).
public enum DIDWeb {
    /// The https URL of the DID document of a `did:web` DID (a fragment or query is dropped), or nil when the
    /// DID is not a well-formed did:web.
    public static func documentURL(of didURL: String) -> IRI? {
        let did = DIDKey.did(of: didURL)
        guard did.hasPrefix("did:web:") else { return nil }
        let parts = did.dropFirst("did:web:".count).split(separator: ":", omittingEmptySubsequences: false)
        guard let hostPart = parts.first, !hostPart.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        guard let host = hostPart.removingPercentEncoding, !host.contains("/"), !host.contains("@"), !host.contains("?"),
            !host.contains("#")
        else { return nil }
        // Path segments stay as written (only the host's port is percent-decoded by the method).
        let path = parts.dropFirst().map(String.init)
        guard path.allSatisfy({ !$0.contains("/") && $0 != ".." && $0 != "." }) else { return nil }
        let suffix = path.isEmpty ? "/.well-known/did.json" : "/" + path.joined(separator: "/") + "/did.json"
        return IRI("https://" + host.lowercased() + suffix)
    }
}
