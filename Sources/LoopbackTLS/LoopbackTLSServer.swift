import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTLS
import Logging
import LoopbackWeb
import NIOCore
import NIOSSL

/// An https server on 127.0.0.1 (a free port) answering with a ``LoopbackResponder``, the TLS twin of
/// `LoopbackServer`: the same static sites, served under their own host names with a certificate from a
/// ``LoopbackCertificateAuthority``. did:web documents and `/.well-known/jwks.json` are https-only, so the
/// verification tests and the demo need one. Only the status, headers and body of a response are used (scripted
/// failures such as `neverAnswer` are for the plain server).
public final class LoopbackTLSServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let task: Task<Void, any Error>

    /// Starts serving; returns once the socket is bound.
    /// - Parameters:
    ///   - responder: answers every request.
    ///   - identity: the server certificate and key (``LoopbackCertificateAuthority/issue(hosts:)``).
    /// - Throws: when the certificate or key cannot be read, or the server cannot bind.
    public init(responder: some LoopbackResponder, identity: LoopbackCertificateAuthority.ServerIdentity) async throws {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(identity.certificatePEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem)
        let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            var headers = request.headers.map { LoopbackRequest.Header(name: $0.name.rawName, value: $0.value) }
            // HTTPTypes keeps the Host header as the request's authority: the static sites route on it.
            if let authority = request.head.authority { headers.append(LoopbackRequest.Header(name: "Host", value: authority)) }
            let answer = responder.respond(
                to: LoopbackRequest(method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers))
            var fields = HTTPFields()
            for header in answer.headers {
                if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
            }
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        // "**" matches one or more path segments; the site root needs a route of its own.
        for path in ["/", "**"] {
            router.get(RouterPath(path), use: handler)
            router.head(RouterPath(path), use: handler)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, server: try .tls(tlsConfiguration: tls),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "endorse-loopback-tls"),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: Self.quietLogger)
        task = Task { try await application.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw LoopbackTLSError.didNotStart
        }
        self.port = port
    }

    /// Hummingbird logs its start and, on stop, the cancelled child channels: noise in a demo or a test run.
    private static let quietLogger: Logger = {
        var logger = Logger(label: "endorse.loopback-tls")
        logger.logLevel = .critical
        return logger
    }()

    /// Stops serving (the listening socket closes; requests in flight may be cut).
    public func stop() { task.cancel() }

    deinit { task.cancel() }
}

/// The TLS server could not start.
public enum LoopbackTLSError: Error {
    /// It did not report a bound port.
    case didNotStart
}
