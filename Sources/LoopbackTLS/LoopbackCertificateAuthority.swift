import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate authority made on the spot for loopback TLS: tests, benchmarks and `endorse demo` serve https
/// sites under invented host names with certificates it issues, and trust it with `--ca-cert` (curl's
/// `CURLOPT_CAINFO`). Its key lives in memory only; nothing it signs is trusted anywhere else.
public struct LoopbackCertificateAuthority: Sendable {
    /// A server certificate and its private key, PEM-encoded.
    public struct ServerIdentity: Sendable {
        /// The certificate, PEM.
        public var certificatePEM: String
        /// The private key (P-256, PKCS #8), PEM.
        public var privateKeyPEM: String
    }

    private let key: P256.Signing.PrivateKey
    private let name: DistinguishedName
    /// The authority's self-signed certificate, PEM: the file to trust.
    public let certificatePEM: String

    /// Makes a new authority, valid from an hour ago for 30 days.
    /// - Throws: an X509 error if the certificate cannot be built (it can always be, with these fixed fields).
    public init(commonName: String = "endorse loopback test CA") throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName(commonName) }
        self.key = key
        self.name = name
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(30 * 86_400), issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: Certificate.PublicKey(key.publicKey))
            },
            issuerPrivateKey: .init(key))
        certificatePEM = try certificate.serializeAsPEM().pemString
    }

    /// A server certificate for `hosts` (DNS names, each listed in subjectAltName), signed by this authority.
    public func issue(hosts: [String]) throws -> ServerIdentity {
        let serverKey = P256.Signing.PrivateKey()
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(serverKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(30 * 86_400), issuer: name,
            subject: try DistinguishedName { CommonName(hosts.first ?? "localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(hosts.map { GeneralName.dnsName($0) })
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: Certificate.PublicKey(key.publicKey)).keyIdentifier)
            },
            issuerPrivateKey: .init(key))
        return ServerIdentity(certificatePEM: try certificate.serializeAsPEM().pemString, privateKeyPEM: serverKey.pemRepresentation)
    }

    /// Writes ``certificatePEM`` to `path` (for `--ca-cert`).
    public func writeCertificate(to path: String) throws {
        try Data(certificatePEM.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
