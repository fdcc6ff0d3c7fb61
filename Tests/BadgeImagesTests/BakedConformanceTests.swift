import BadgeImages
import Foundation
import SharedMaterial
import Testing

/// The public baked images in `../shared/conformance/baked/`, read in place, each checked against the table of
/// its README: payload kind and the first 80 characters (compared after trimming white space, as the README says
/// for SVG CDATA bodies), `noPayload` for the unbaked controls.
@Suite(.needsSharedMaterial)
struct BakedConformanceTests {
    /// One row of the README table.
    struct Row {
        var file: String
        /// `iTXt \`openbadges\``, `<openbadges:assertion verify>`, `<openbadges:credential> CDATA`, `none ...`.
        var element: String
        /// `JSON`, `JWS (compact)`, `URL`, `none (unbaked)`, `INVALID JSON (...)`, `empty`.
        var kind: String
        /// The first 80 characters, `\n` decoded; nil for `-`.
        var expected: String?
    }

    static func rows() throws -> [Row] {
        let text = String(decoding: try SharedMaterial.bytes("conformance/baked/README.md"), as: UTF8.self)
        var rows: [Row] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 8, cells[1] != "file", !cells[1].hasPrefix("---") else { continue }
            var expected: String? = cells[5]
            if expected == "-" {
                expected = nil
            } else if let quoted = expected, quoted.hasPrefix("`"), quoted.hasSuffix("`") {
                expected = String(quoted.dropFirst().dropLast()).replacingOccurrences(of: "\\n", with: "\n")
            }
            rows.append(Row(file: cells[1], element: cells[3], kind: cells[4], expected: expected))
        }
        return rows
    }

    @Test func everyImageUnbakesAsTheREADMETableSays() throws {
        let rows = try Self.rows()
        let files = Dictionary(grouping: rows, by: \.file)
        var failures: [String] = []
        for (file, fileRows) in files.sorted(by: { $0.key < $1.key }) {
            let bytes = try SharedMaterial.bytes("conformance/baked/\(file)")
            for problem in Self.problems(file: file, rows: fileRows, bytes: bytes) { failures.append("\(file): \(problem)") }
        }
        let passed = files.count - Set(failures.map { $0.prefix { $0 != ":" } }).count
        print("baked: \(passed)/\(files.count) images unbaked as README.md says (\(rows.count) table rows)")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(files.count == 21)
    }

    @Test func theTableNamesEveryImageInTheFolder() throws {
        let folder = SharedMaterial.url("conformance/baked")
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var images: Set<String> = []
        for case let url as URL in enumerator where ["png", "svg"].contains(url.pathExtension) {
            images.insert(String(url.path.dropFirst(folder.path.count + 1)))
        }
        #expect(images == Set(try Self.rows().map(\.file)))
    }

    @Test func badJSONBodyIsReportedBesideTheVerifyURL() throws {
        let payload = try BakedBadge.unbake(SharedMaterial.bytes("conformance/baked/mozilla-bakery/bad-json.svg"))
        #expect(payload.kind == .url("http://example.org"))
        #expect(payload.source == .svgElement(name: "openbadges:assertion", namespace: "http://openbadges.org", part: .verifyAttribute, line: 6))
        #expect(payload.embeddedCopy == nil)
        let warning = try #require(payload.warnings.first { $0.code == .unreadableBody })
        #expect(warning.message.contains("not valid JSON"))
    }

    /// What is wrong with the unbaking of one image, against its table rows (empty when it matches).
    static func problems(file: String, rows: [Row], bytes: [UInt8]) -> [String] {
        if rows.contains(where: { $0.kind.hasPrefix("none") }) {
            do {
                let payload = try BakedBadge.unbake(bytes)
                return ["expected noPayload, got \(payload.kind)"]
            } catch {
                return error.code == .noPayload ? [] : ["expected noPayload, got \(error)"]
            }
        }
        let payload: UnbakedPayload
        do {
            payload = try BakedBadge.unbake(bytes)
        } catch {
            return ["unbake failed: \(error)"]
        }
        var problems: [String] = []
        let hasVerifyRow = rows.contains { $0.element.contains("verify") }
        for row in rows {
            let isBodyBesideVerify = row.element.contains("CDATA") && hasVerifyRow
            let actual = isBodyBesideVerify ? payload.embeddedCopy : payload.kind
            if row.kind.hasPrefix("INVALID JSON") {
                if actual != nil { problems.append("the invalid body was classified as \(String(describing: actual))") }
                if !payload.warnings.contains(where: { $0.code == .unreadableBody }) { problems.append("no unreadableBody warning") }
                continue
            }
            if row.kind == "empty" {
                if actual != nil { problems.append("the empty body was classified as \(String(describing: actual))") }
                continue
            }
            guard let actual else {
                problems.append("no payload for row \(row.element)")
                continue
            }
            let kindMatches: Bool
            switch (row.kind, actual) {
            case ("JSON", .json), ("JWS (compact)", .jwt), ("URL", .url): kindMatches = true
            default: kindMatches = false
            }
            if !kindMatches { problems.append("expected \(row.kind), got \(actual)") }
            let expected = (row.expected ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !actual.text.hasPrefix(expected) {
                problems.append("text starts \(actual.text.prefix(80).debugDescription), not \(expected.debugDescription)")
            }
            if !isBodyBesideVerify { problems += sourceProblems(row: row, source: payload.source) }
        }
        return problems
    }

    private static func sourceProblems(row: Row, source: PayloadSource) -> [String] {
        switch source {
        case .pngChunk(let type, let keyword, _, _):
            return row.element == "\(type) `\(keyword)`" ? [] : ["found in \(source), the table says \(row.element)"]
        case .svgElement(let name, _, let part, _):
            let expectedPart: PayloadSource.SVGPart = row.element.contains("verify") ? .verifyAttribute : .body
            return row.element.hasPrefix("`<\(name)") && part == expectedPart ? [] : ["found in \(source), the table says \(row.element)"]
        }
    }
}

/// Fails under `CI=true` when the shared material is missing, so that the suite above is not silently skipped.
@Test func sharedMaterialIsPresentUnderCI() {
    expectSharedMaterialUnderCI()
}
