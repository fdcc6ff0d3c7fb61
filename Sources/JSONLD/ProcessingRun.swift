import OpenBadges

/// The state of one expand or toRdf call: the loader, the cache, what has been loaded, and the work left.
///
/// Not shared between calls or threads; the algorithms are its extensions (`ProcessingRun+…` files).
final class ProcessingRun {
    let loader: any DocumentLoader
    let cache: JSONLDContextCache
    let limits: JSONLDLimits
    /// Whether what would be dropped is an error instead (``JSONLDOptions/safeMode``).
    let safeMode: Bool
    /// Work units left before `work limit exceeded`.
    private(set) var workLeft: Int
    /// How deep context processing is nested in itself now.
    var contextNesting = 0
    /// Remote context documents loaded in this call, by URL: their `@context` value and final URL (JSON-LD 1.1
    /// API section 4.1.2 step 5.2.4: a context is dereferenced once).
    var loadedContexts: [String: (context: JSONValue, documentURL: String)] = [:]

    init(loader: any DocumentLoader, cache: JSONLDContextCache, limits: JSONLDLimits, safeMode: Bool = false) {
        self.loader = loader
        self.cache = cache
        self.limits = limits
        self.safeMode = safeMode
        self.workLeft = limits.maxWork
    }

    /// Spends `units` of work.
    /// - Throws: `work limit exceeded` once the budget is gone.
    @inline(__always)
    func spend(_ units: Int = 1) throws(JSONLDError) {
        workLeft -= units
        if workLeft < 0 {
            throw JSONLDError(.workLimitExceeded, "the document needs more than \(limits.maxWork) units of work")
        }
    }

    /// In safe mode, refuses to drop what `what` describes.
    /// - Throws: `safe mode violation` when ``safeMode`` is on.
    @inline(__always)
    func dropping(_ what: @autoclosure () -> String) throws(JSONLDError) {
        if safeMode { throw JSONLDError(.safeModeViolation, what()) }
    }

    /// Checks the nesting depth of the element being processed.
    /// - Throws: `work limit exceeded` past ``JSONLDLimits/maxDepth``.
    @inline(__always)
    func checkDepth(_ depth: Int) throws(JSONLDError) {
        if depth > limits.maxDepth {
            throw JSONLDError(.workLimitExceeded, "the document nests deeper than \(limits.maxDepth) levels")
        }
    }

    /// The `@context` of the remote context document at `url` (absolute), loaded once per call.
    /// - Throws: `loading remote context failed` when the loader does not have it, `invalid remote context` when
    ///   it has no `@context` entry (`requireObject`: or when that entry is not an object, for `@import`).
    func loadRemoteContext(_ url: String, requireObject: Bool = false) throws(JSONLDError) -> (context: JSONValue, documentURL: String) {
        if let known = loadedContexts[url] {
            if requireObject, !known.context.isObject {
                throw JSONLDError(.invalidRemoteContext, "the @context of \(url) is not an object")
            }
            return known
        }
        try spend()
        let document: RemoteDocument
        do {
            document = try loader.loadDocument(url)
        } catch {
            if error.code == .loadingRemoteContextFailed || error.code == .workLimitExceeded { throw error }
            throw JSONLDError(.loadingRemoteContextFailed, "\(url): \(error.reason)")
        }
        guard case .object(let members) = document.document, let context = members["@context"] else {
            throw JSONLDError(.invalidRemoteContext, "\(url) has no top-level @context entry")
        }
        if requireObject, !context.isObject {
            throw JSONLDError(.invalidRemoteContext, "the @context of \(url) is not an object")
        }
        let loaded = (context: context, documentURL: document.documentURL)
        loadedContexts[url] = loaded
        return loaded
    }
}
