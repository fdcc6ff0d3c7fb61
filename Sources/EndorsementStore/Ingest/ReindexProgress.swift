import Foundation

/// How far `EndorsementStore.reindex` has got.
public struct ReindexProgress: Sendable, Hashable {
    /// What the rebuild is doing: parsing the stored bodies, then linking everything they say.
    public enum Phase: String, Sendable, Hashable {
        case parsing
        case linking
    }

    public var phase: Phase
    /// Stored documents parsed so far.
    public var documents: Int
    /// Stored documents with a body, all to be parsed.
    public var total: Int
    /// Time since the rebuild started.
    public var elapsed: Duration

    public init(phase: Phase, documents: Int, total: Int, elapsed: Duration) {
        self.phase = phase
        self.documents = documents
        self.total = total
        self.elapsed = elapsed
    }

    /// One line for a terminal or a log, e.g. `reindex: parsing 12000/232148 documents (5 %), 4100 documents/s, 2.9 s`.
    public var line: String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Int(Double(documents) / seconds) : 0
        let percent = total > 0 ? documents * 100 / total : 100
        let time = String(format: "%.1f s", seconds)
        switch phase {
        case .parsing: return "reindex: parsing \(documents)/\(total) documents (\(percent) %), \(rate) documents/s, \(time)"
        case .linking: return "reindex: linking what \(documents) documents say, \(time)"
        }
    }
}
