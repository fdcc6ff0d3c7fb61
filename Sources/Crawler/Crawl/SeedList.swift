import Foundation
import OpenBadges

/// Seed URLs: issuer profiles, badge classes, endorser profiles or endorsements to start from.
public enum SeedList {
    /// The URLs of a seed file's text: one per line, `#` starts a comment, blank lines ignored.
    /// - Throws: `CrawlError.badSeeds` naming the line of anything that is not an http(s) URL.
    public static func parse(_ text: String, source: String = "seeds") throws(CrawlError) -> [IRI] {
        var seeds: [IRI] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.prefix { $0 != "#" }.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            let url = IRI(line)
            guard url.isFetchable else {
                throw CrawlError(.badSeeds, "\(source) line \(number + 1): \"\(line)\" is not an http(s) URL; write one URL per line, # for comments")
            }
            seeds.append(url)
        }
        return seeds
    }

    /// Reads and parses a seed file.
    /// - Throws: `CrawlError.badSeeds` when the file cannot be read, holds a bad line, or lists no URL.
    public static func read(path: String) throws(CrawlError) -> [IRI] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CrawlError(.badSeeds, "cannot read the seed file \(path); pass a file of URLs (one per line) or URLs as arguments")
        }
        let seeds = try parse(String(decoding: data, as: UTF8.self), source: path)
        guard !seeds.isEmpty else { throw CrawlError(.badSeeds, "the seed file \(path) lists no URL; add one http(s) URL per line") }
        return seeds
    }
}
