import Crawler
import CurlHTTP

extension CurlPageFetcher {
    /// The fetcher configured by the CLI's request options.
    init(options: FetchOptions, concurrency: Int) throws {
        try self.init(
            configuration: FetcherConfiguration(
                userAgent: options.userAgent, connectTimeout: .milliseconds(Int(options.connectTimeout * 1000)),
                totalTimeout: .milliseconds(Int(options.timeout * 1000)), maxBodyBytes: options.maxBody,
                allowPrivateAddresses: options.allowPrivateAddresses, connectTo: options.connectMappings, maxConcurrentTransfers: concurrency,
                caCertificatePath: options.caCertificate))
    }
}
