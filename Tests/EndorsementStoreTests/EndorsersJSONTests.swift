import Foundation
import Testing

@testable import EndorsementStore

@Suite struct EndorsersJSONTests {
    static let hostile: [[String?]] = [
        ["https://e.example/p", "Ann \"A\" O'Neil", nil],
        ["back\\slash/and/slashes", "tab\tnew\nline\rcr \u{08}\u{0C}\u{01}\u{1F}\u{7F}", "é 漢字 🎓 e\u{301}"],
        [nil, nil, nil],
        ["", "\\u0041 is not an escape here", "]],[[\",null"],
    ]

    @Test func encodesWhatJSONSerializationReadsBack() throws {
        let text = EndorserListJSON.encode(Self.hostile)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[Any]])
        #expect(decoded.count == Self.hostile.count)
        for (row, expected) in zip(decoded, Self.hostile) {
            #expect(row.map { $0 as? String } == expected)
        }
        #expect(!text.contains("\\/"))
        #expect(EndorserListJSON.encode([[String?]]()) == "[]")
        #expect(EndorserListJSON.encode([["a", nil]]) == "[[\"a\",null]]")
    }

    @Test func decodesWhatItEncodes() {
        #expect(EndorserListJSON.decode(EndorserListJSON.encode(Self.hostile)) == Self.hostile)
        #expect(EndorserListJSON.decode("[]") == [])
        #expect(EndorserListJSON.decode(" [ [ ] , [ null ] ] ") == [[], [nil]])
    }

    /// Any JSON writer's spelling of the same entries reads back the same as with JSONDecoder: escaped slashes,
    /// `\u` escapes (a surrogate pair too), whitespace.
    @Test func readsOtherWritersLikeJSONDecoder() throws {
        let texts = [
            #"[["https:\/\/e.example\/p","\u00e9\u6F22\ud83c\udf93","\"\\\b\f\n\r\t"]]"#,
            "[\n  [\"a\", null, \"b\"],\n\t[null]\n]",
            try String(decoding: JSONEncoder().encode(Self.hostile), as: UTF8.self),
        ]
        for text in texts {
            let expected = try JSONDecoder().decode([[String?]].self, from: Data(text.utf8))
            #expect(EndorserListJSON.decode(text) == expected, "\(text)")
        }
    }

    /// Text that is not an array of arrays of strings and nulls reads as nil (the hit shows no endorsers), as it
    /// does for JSONDecoder: nothing crashes or reads past the end.
    @Test func rejectsWhatJSONDecoderRejects() {
        let texts = [
            "", "[", "[[", "[[\"a\"", "[[1]]", "[[true]]", "[[\"a\"]]x", "[\"a\"]", "{}", "[[nul]]",
            "[[\"\\x\"]]", "[[\"\\u12\"]]", "[[\"\\u12G4\"]]", "[[\"raw\ttab\"]]",
            "[[\"unterminated]]", "[[\"a\"][\"b\"]]",
        ]
        for text in texts {
            #expect(EndorserListJSON.decode(text) == nil, "\(text)")
            #expect((try? JSONDecoder().decode([[String?]].self, from: Data(text.utf8))) == nil, "JSONDecoder accepts \(text)")
        }
        // An unpaired UTF-16 surrogate (which no Swift string holds, so the writer never writes one) reads as U+FFFD,
        // the document parser's rule; JSONDecoder rejects the text.
        #expect(EndorserListJSON.decode("[[\"\\ud83c\"]]") == [["\u{FFFD}"]])
        #expect(EndorserListJSON.decode("[[\"\\ud83c\\u0041\"]]") == [["\u{FFFD}A"]])
        // Stricter than Foundation's JSONDecoder, which accepts trailing commas: RFC 8259 does not.
        for text in ["[[\"a\",]]", "[[\"a\"],]", "[,]"] {
            #expect(EndorserListJSON.decode(text) == nil, "\(text)")
        }
    }
}
