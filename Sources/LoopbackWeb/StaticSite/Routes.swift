import Foundation

/// The scripted statuses of one host: `HOST/_routes.txt`, lines `PATH STATUS [LOCATION]`, `#` comments.
struct Routes {
    private var table: [String: (status: Int, location: String?)] = [:]

    init(folder: URL) {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("_routes.txt"), encoding: .utf8) else { return }
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: \.isWhitespace).map(String.init)
            guard fields.count >= 2, let status = Int(fields[1]) else { continue }
            table[fields[0]] = (status, fields.count >= 3 ? fields[2] : nil)
        }
    }

    /// The scripted response for an exact path match, if any.
    func match(_ path: String) -> LoopbackResponse? {
        guard let (status, location) = table[path] else { return nil }
        if (300..<400).contains(status), let location {
            return LoopbackResponse(status: status, headers: [("Location", location)])
        }
        return LoopbackResponse.json("{\"status\":\(status)}", status: status)
    }
}

/// IMF-fixdate (RFC 9110 section 5.6.7).
enum HTTPDate {
    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }

    static func format(_ date: Date) -> String { formatter().string(from: date) }

    static func parse(_ text: String) -> Date? { formatter().date(from: text) }
}
