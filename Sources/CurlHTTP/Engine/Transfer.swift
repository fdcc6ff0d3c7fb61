import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The state of one running transfer, owned by the multi-loop thread. libcurl's callbacks reach it through an
/// unretained pointer in the *DATA options; the loop keeps it alive until the easy handle is removed.
final class Transfer {
    let job: FetchJob
    let easy: EasyHandle
    let configuration: FetcherConfiguration
    let policy: AddressPolicy
    var url: String { job.request.url }

    var body: [UInt8] = []
    var headers: [FetchResponse.Header] = []
    var headerBytes = 0
    /// Set by a callback that aborted the transfer on purpose (body or head too large).
    var abort: FetchError?
    /// Set when the socket callback refused an address.
    var blockedReason: String?

    private var headerList = StringList([])
    private var connectToList = StringList([])
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))

    init(job: FetchJob, easy: EasyHandle, configuration: FetcherConfiguration) {
        self.job = job
        self.easy = easy
        self.configuration = configuration
        self.policy = AddressPolicy(allowPrivateAddresses: configuration.allowPrivateAddresses)
        errorBuffer.initialize(to: 0)
    }

    /// Frees what libcurl borrowed; call after the easy handle left the multi handle.
    func release() {
        headerList.free()
        connectToList.free()
        errorBuffer.deallocate()
    }

    /// Checks the request and sets every option on the easy handle. Throws for URLs and headers that must not be sent.
    func configure(share: UnsafeMutableRawPointer) throws(FetchError) {
        let request = job.request
        try Self.validate(request)
        let config = configuration
        easy.set(CURLOPT_URL, request.url)
        easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        easy.set(CURLOPT_FOLLOWLOCATION, 0)
        easy.set(CURLOPT_NOSIGNAL, 1)
        easy.set(CURLOPT_PROXY, "")
        easy.set(CURLOPT_SHARE, pointer: share)
        easy.set(CURLOPT_ACCEPT_ENCODING, "")
        easy.set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS)
        easy.set(CURLOPT_PIPEWAIT, 1)
        easy.set(CURLOPT_USERAGENT, config.userAgent)
        if let caCertificatePath = config.caCertificatePath { easy.set(CURLOPT_CAINFO, caCertificatePath) }
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, config.connectTimeout.milliseconds)
        easy.set(CURLOPT_TIMEOUT_MS, config.totalTimeout.milliseconds)
        easy.set(CURLOPT_LOW_SPEED_LIMIT, config.lowSpeedLimit)
        easy.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(config.lowSpeedTime.components.seconds)))
        easy.set(CURLOPT_MAXFILESIZE_LARGE, offset: config.maxBodyBytes)
        easy.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))

        var lines: [String] = []
        let names = Set(request.headers.map { $0.name.lowercased() })
        if !names.contains("accept") { lines.append("Accept: \(config.accept)") }
        if let etag = request.ifNoneMatch { lines.append("If-None-Match: \(etag)") }
        if let date = request.ifModifiedSince { lines.append("If-Modified-Since: \(date)") }
        lines += request.headers.map { "\($0.name): \($0.value)" }
        headerList = StringList(lines)
        easy.set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headerList.raw))
        if !config.connectTo.isEmpty {
            connectToList = StringList(config.connectTo.map(\.description))
            easy.set(CURLOPT_CONNECT_TO, pointer: UnsafeMutableRawPointer(connectToList.raw))
        }

        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = endorse_easy_setopt_write_function(easy.raw, CURLOPT_WRITEFUNCTION, Self.writeBody)
        easy.set(CURLOPT_WRITEDATA, pointer: context)
        _ = endorse_easy_setopt_write_function(easy.raw, CURLOPT_HEADERFUNCTION, Self.writeHeader)
        easy.set(CURLOPT_HEADERDATA, pointer: context)
        _ = endorse_easy_setopt_opensocket_function(easy.raw, Self.openSocket)
        easy.set(CURLOPT_OPENSOCKETDATA, pointer: context)
    }

    private static func validate(_ request: FetchRequest) throws(FetchError) {
        let url = request.url
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            if let colon = lower.firstIndex(of: ":"), lower[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
                lower.first?.isLetter == true
            {
                throw .blockedScheme(url: url)
            }
            throw FetchError(code: .invalidURL, reason: "not an absolute http(s) URL", url: url)
        }
        guard let handle = curl_url() else { throw FetchError(code: .transport, reason: "libcurl is out of memory", url: url) }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK else {
            throw FetchError(code: .invalidURL, reason: "the URL is malformed; check for spaces or a bad host or port", url: url)
        }
        let fields = request.headers.flatMap { [$0.name, $0.value] } + [request.ifNoneMatch, request.ifModifiedSince].compactMap { $0 }
        if fields.contains(where: { $0.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 } }) {
            throw FetchError(code: .invalidURL, reason: "a request header contains a line break; remove it", url: url)
        }
    }

    // MARK: - libcurl callbacks (run on the loop thread inside curl_multi_perform)

    private static let writeBody: curl_write_callback = { pointer, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard transfer.body.count + length <= transfer.configuration.maxBodyBytes else {
            transfer.abort = .bodyTooLarge(url: transfer.url, limit: transfer.configuration.maxBodyBytes)
            return 0
        }
        if let pointer, length > 0 {
            transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: length))
        }
        return length
    }

    private static let writeHeader: curl_write_callback = { pointer, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        transfer.headerBytes += length
        guard transfer.headerBytes <= transfer.configuration.maxHeaderBytes else {
            transfer.abort = .headerTooLarge(url: transfer.url, limit: transfer.configuration.maxHeaderBytes)
            return 0
        }
        guard let pointer else { return length }
        let line = String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            transfer.headers.removeAll()  // a new head (after 1xx): keep only the final one
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t\r\n")
            transfer.headers.append(.init(name: name, value: value))
        }
        return length
    }

    private static let openSocket: curl_opensocket_callback = { context, _, address in
        guard let context, let address else { return CURL_SOCKET_BAD }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        let family = address.pointee.family
        guard let raw = UnsafeRawPointer(endorse_sockaddr(address)) else { return CURL_SOCKET_BAD }
        let bytes: [UInt8]
        switch family {
        case AF_INET:
            var ip = raw.loadUnaligned(as: sockaddr_in.self).sin_addr
            bytes = withUnsafeBytes(of: &ip) { Array($0) }
        case AF_INET6 where address.pointee.addrlen >= MemoryLayout<sockaddr_in6>.size:
            var ip = raw.loadUnaligned(as: sockaddr_in6.self).sin6_addr
            bytes = withUnsafeBytes(of: &ip) { Array($0) }
        default:
            transfer.blockedReason = "only IPv4 and IPv6 connections are made"
            return CURL_SOCKET_BAD
        }
        if let reason = transfer.policy.refusal(of: bytes) {
            transfer.blockedReason = reason
            return CURL_SOCKET_BAD
        }
        return socket(family, address.pointee.socktype, address.pointee.protocol)
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var view = Substring(self)
        while let first = view.first, set.contains(first) { view.removeFirst() }
        while let last = view.last, set.contains(last) { view.removeLast() }
        return String(view)
    }
}
