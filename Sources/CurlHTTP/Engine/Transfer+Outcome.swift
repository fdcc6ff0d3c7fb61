import CCurl

extension Transfer {
    /// The response or error for a transfer libcurl finished with `code`.
    func outcome(_ code: CURLcode) -> FetchJob.Outcome {
        if code == CURLE_OK { return .success(response()) }
        return .failure(error(for: code))
    }

    private func response() -> FetchResponse {
        let status = easy.long(CURLINFO_RESPONSE_CODE)
        let timings = FetchResponse.Timings(
            dns: easy.duration(CURLINFO_NAMELOOKUP_TIME_T),
            connect: easy.duration(CURLINFO_CONNECT_TIME_T),
            tls: easy.duration(CURLINFO_APPCONNECT_TIME_T),
            firstByte: easy.duration(CURLINFO_STARTTRANSFER_TIME_T),
            total: easy.duration(CURLINFO_TOTAL_TIME_T)
        )
        let version: String
        switch easy.long(CURLINFO_HTTP_VERSION) {
        case CURL_HTTP_VERSION_1_0: version = "HTTP/1.0"
        case CURL_HTTP_VERSION_2_0: version = "HTTP/2"
        case CURL_HTTP_VERSION_3: version = "HTTP/3"
        default: version = "HTTP/1.1"
        }
        let isRedirect = (300..<400).contains(status) && status != 304
        return FetchResponse(
            url: url,
            status: status,
            headers: headers,
            body: body,
            redirectLocation: isRedirect ? easy.string(CURLINFO_REDIRECT_URL) : nil,
            remoteAddress: easy.string(CURLINFO_PRIMARY_IP).flatMap { $0.isEmpty ? nil : $0 },
            timings: timings,
            httpVersion: version
        )
    }

    private func error(for code: CURLcode) -> FetchError {
        if let abort { return abort }
        if let blockedReason { return FetchError(code: .blockedAddress, reason: blockedReason, url: url) }
        let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let config = configuration
        switch code {
        case CURLE_FILESIZE_EXCEEDED:
            return .bodyTooLarge(url: url, limit: config.maxBodyBytes)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return FetchError(code: .dnsFailure, reason: "the host name did not resolve (\(detail)); check the spelling or try later", url: url)
        case CURLE_COULDNT_CONNECT:
            return FetchError(code: .connectionRefused, reason: "could not connect (\(detail)); the server may be down", url: url)
        case CURLE_OPERATION_TIMEDOUT:
            return FetchError(
                code: .timeout,
                reason: "no complete response within the limits (connect \(config.connectTimeout), total \(config.totalTimeout), "
                    + "at least \(config.lowSpeedLimit) bytes/s over \(config.lowSpeedTime)): \(detail); the server is slow or unresponsive",
                url: url)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CRL_BADFILE:
            return FetchError(code: .tls, reason: "TLS failed (\(detail)); the site's certificate or TLS setup is broken", url: url)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .blockedScheme(url: url)
        case CURLE_URL_MALFORMAT:
            return FetchError(code: .invalidURL, reason: "the URL is malformed (\(detail))", url: url)
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled(url: url)
        default:
            return FetchError(
                code: .transport, reason: "the transfer failed (\(detail)); the server broke the connection or sent a malformed response", url: url)
        }
    }
}
