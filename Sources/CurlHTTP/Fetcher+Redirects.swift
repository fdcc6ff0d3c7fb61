extension Fetcher {
    /// Fetches `request` and follows redirects hop by hop, each hop a full `fetch` (so every hop's address and scheme
    /// are checked like the first), up to `maxRedirects` (default: the configuration's).
    ///
    /// Conditional headers are sent on the first hop only. The returned response's `redirectChain` lists the URLs
    /// that redirected, first first.
    /// - Throws: `FetchError` with code `tooManyRedirects` after more than `maxRedirects` hops (a loop ends here), or
    ///   any error of `fetch(_:)` for the failing hop.
    public func fetchFollowingRedirects(_ request: FetchRequest, maxRedirects: Int? = nil) async throws(FetchError) -> FetchResponse {
        let limit = maxRedirects ?? configuration.maxRedirects
        var current = request
        var chain: [String] = []
        while true {
            var response = try await fetch(current)
            guard response.isRedirect, let next = response.redirectLocation else {
                response.redirectChain = chain
                return response
            }
            chain.append(current.url)
            guard chain.count <= limit else { throw .tooManyRedirects(url: next, limit: limit) }
            current = FetchRequest(url: next, headers: request.headers)
        }
    }
}
