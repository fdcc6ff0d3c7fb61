import OpenBadges

/// Why a URL is in the frontier, as stored in its `reason` column: a ``LinkReason`` raw value for links
/// found in documents, or one of the crawler's own reasons below.
public enum CrawlReason {
    /// Listed in the seed file or on the command line.
    public static let seed = "seed"
    /// A sitemap named by robots.txt or by a sitemap index.
    public static let sitemap = "sitemap"
    /// A location listed in a sitemap.
    public static let sitemapEntry = "sitemapEntry"

    /// Reasons whose HTML answers are explored further (same-host pages, to the page depth bound).
    static let exploring: Set<String> = [LinkReason.homepage.rawValue, LinkReason.page.rawValue, sitemapEntry]
}
