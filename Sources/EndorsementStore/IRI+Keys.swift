import Foundation
import OpenBadges

// The one rule by which the store compares IRIs, in one place.
//
// Ids are compared on `IRI.canonical` with the http scheme folded into https: the same host serves the same
// object whichever scheme a document spelled (the DCV examples declare `http://` ids that others reference as
// `https://`). Origins are compared on host and port only, for the same reason; a non-default port stays part
// of the origin. Non-http(s) IRIs (`urn:uuid:`, `did:`, `urn:endorse:`) compare as written and have no origin.
extension IRI {
    /// The key under which the store files and matches this IRI.
    var matchKey: String {
        let canonical = self.canonical.string
        if canonical.hasPrefix("http://") { return "https://" + canonical.dropFirst("http://".count) }
        return canonical
    }

    /// `host[:port]` of an http(s) IRI (default ports dropped, scheme ignored); nil for other IRIs.
    var originKey: String? {
        guard let origin else { return nil }
        if let range = origin.range(of: "://") { return String(origin[range.upperBound...]) }
        return origin
    }
}

extension String {
    /// The origin key of a stored match key (see `IRI.originKey`).
    var originOfKey: String? { IRI(self).originKey }
}
