import EndorsementStore
import OpenBadges

/// Decides which links of a fetched document the crawl follows, within its bounds.
///
/// Open Badges documents: every typed link (issuer, endorsements, endorser, endorsed subject even
/// outside the seeds, badge, related, declared id, listing, JSON-LD alternates) up to `maxDepth` hops,
/// and each profile's homepage, which starts a bounded exploration of its site. HTML pages reached by
/// exploration: same-host pages up to `maxPageDepth` and the JSON-LD they point to. Other documents
/// are recorded and not followed.
struct LinkPolicy: Sendable {
    var maxDepth: Int
    var maxPageDepth: Int

    struct Decision: Sendable {
        var candidates: [FrontierCandidate] = []
        /// Origins whose sites should be explored (profile ids and homepages).
        var hostsToExplore: Set<String> = []
    }

    func follow(_ parsed: ParsedDocument, from entry: FrontierEntry) -> Decision {
        var decision = Decision()
        let depth = entry.depth + 1
        let exploring = CrawlReason.exploring.contains(entry.reason)
        let isPage = parsed.format == .html
        if parsed.isOpenBadges {
            for profile in parsed.profiles {
                if let host = profile.id?.origin { decision.hostsToExplore.insert(host) }
                if let host = profile.url?.origin { decision.hostsToExplore.insert(host) }
            }
        }
        guard depth <= maxDepth else { return decision }
        for link in parsed.links where link.target.isFetchable {
            switch link.reason {
            case .page:
                guard isPage, exploring, entry.pageDepth < maxPageDepth, link.target.origin == entry.url.origin else { continue }
                decision.candidates.append(
                    FrontierCandidate(
                        url: link.target, reason: link.reason.rawValue, depth: depth, pageDepth: entry.pageDepth + 1, isExplorationPage: true))
            case .alternate:
                guard parsed.isOpenBadges || isPage else { continue }
                decision.candidates.append(
                    FrontierCandidate(
                        url: link.target, reason: link.reason.rawValue, depth: depth, pageDepth: entry.pageDepth, isExplorationPage: exploring))
            case .homepage:
                guard parsed.isOpenBadges else { continue }
                if let host = link.target.origin { decision.hostsToExplore.insert(host) }
                decision.candidates.append(
                    FrontierCandidate(url: link.target, reason: link.reason.rawValue, depth: depth, pageDepth: 0, isExplorationPage: true))
            case .issuer, .endorsement, .endorser, .endorsementSubject, .badge, .related, .declaredID, .listing:
                guard parsed.isOpenBadges || link.reason == .declaredID else { continue }
                decision.candidates.append(FrontierCandidate(url: link.target, reason: link.reason.rawValue, depth: depth))
            }
        }
        return decision
    }

    /// The locations of a sitemap, kept to the sitemap's own origin (sitemaps.org "Sitemap file location").
    func follow(_ sitemap: Sitemap, from entry: FrontierEntry) -> [FrontierCandidate] {
        let origin = entry.url.origin
        return sitemap.locations.compactMap { location in
            guard location.origin == origin else { return nil }
            switch sitemap.kind {
            case .index:
                return FrontierCandidate(
                    url: location, reason: CrawlReason.sitemap, depth: entry.depth, pageDepth: entry.pageDepth, isExplorationPage: true)
            case .urlSet, .text:
                return FrontierCandidate(
                    url: location, reason: CrawlReason.sitemapEntry, depth: entry.depth + 1, pageDepth: max(entry.pageDepth, 1),
                    isExplorationPage: true)
            }
        }
    }
}
