import Foundation
import Testing

@testable import EndorsementStore

@Suite struct EndorsersJSONTests {
    @Test func encodesWhatJSONSerializationReadsBack() throws {
        let entries: [[String?]] = [
            ["https://e.example/p", "Ann \"A\" O'Neil", nil],
            ["back\\slash/and/slashes", "tab\tnew\nline\rcr \u{08}\u{0C}\u{01}\u{1F}", "é 漢字 🎓"],
            [nil, nil, nil],
        ]
        let text = Linker.json(entries)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[Any]])
        #expect(decoded.count == entries.count)
        for (row, expected) in zip(decoded, entries) {
            #expect(row.map { $0 as? String } == expected)
        }
        #expect(!text.contains("\\/"))
        #expect(Linker.json([[String?]]()) == "[]")
        #expect(Linker.json([["a", nil]]) == "[[\"a\",null]]")
    }
}
