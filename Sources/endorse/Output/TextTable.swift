/// Fixed-width text tables for an 80-column terminal: each cell is cut to its column with an ellipsis and padded.
struct TextTable {
    struct Column {
        var title: String
        var width: Int

        init(_ title: String, width: Int) {
            self.title = title
            self.width = width
        }
    }

    var columns: [Column]
    var separator = "  "

    /// The header line and one line per row; the last column is not padded.
    func render(_ rows: [[String]], indent: Int = 0, header: Bool = true) -> String {
        var lines: [String] = []
        if header { lines.append(line(columns.map(\.title), indent: indent)) }
        lines += rows.map { line($0, indent: indent) }
        return lines.map { $0 + "\n" }.joined()
    }

    func line(_ cells: [String], indent: Int = 0) -> String {
        var parts: [String] = []
        for (index, column) in columns.enumerated() {
            let cell = index < cells.count ? cells[index] : ""
            let fitted = Self.fit(cell, to: column.width)
            parts.append(index == columns.count - 1 ? fitted : Self.pad(fitted, to: column.width))
        }
        return String(repeating: " ", count: indent) + parts.joined(separator: separator).trimmingTrailingSpaces()
    }

    /// `text` on one line, cut to `width` characters with a trailing `…` when longer.
    static func fit(_ text: String, to width: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > width else { return flat }
        guard width > 1 else { return String(flat.prefix(width)) }
        return String(flat.prefix(width - 1)) + "…"
    }

    static func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
