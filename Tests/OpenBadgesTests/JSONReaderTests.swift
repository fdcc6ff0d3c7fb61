import Foundation
import Testing

@testable import OpenBadges

struct JSONReaderTests {
    private func read(_ text: String, lenient: Bool = false) throws -> JSONValue {
        try JSONReader.read(Array(text.utf8), maxDepth: 64, lenient: lenient).value
    }

    @Test(arguments: [
        (
            #"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#,
            JSONValue.object([
                "a": .number(1), "b": .array([.bool(true), .bool(false), .null]), "c": .object(["d": .string("e")]),
            ])
        ),
        (#"[-1.5e2, 0, 0.25, 1E3]"#, .array([.number(-150), .number(0), .number(0.25), .number(1000)])),
        (#""\u00e9\ud83d\ude00\n\t\"\\\/""#, .string("é😀\n\t\"\\/")),
        ("\u{FEFF}{}", .object([:])),
        ("  [ ]  ", .array([])),
        (#"{"k": "a", "k": "b"}"#, .object(["k": .string("b")])),
        // Unpaired surrogates read as U+FFFD, and the escape after an unpaired high one is kept.
        (#""\ud83c\u0041x\udf93\ud83c""#, .string("\u{FFFD}Ax\u{FFFD}\u{FFFD}")),
    ])
    func readsValidJSON(text: String, expected: JSONValue) throws {
        #expect(try read(text) == expected)
    }

    @Test func agreesWithFoundationOnAGeneratedDocument() throws {
        let object: [String: Any] = [
            "name": "Ünïcødé \u{1F600} \"quoted\"", "list": [1, 2.5, -3, true, NSNull()], "nested": ["a": ["b": "c"]],
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let value = try JSONReader.read(Array(data), maxDepth: 16, lenient: false).value
        #expect(value["name"]?.string == "Ünïcødé \u{1F600} \"quoted\"")
        #expect(value["list"] == .array([.number(1), .number(2.5), .number(-3), .bool(true), .null]))
        #expect(value["nested"]?["a"]?["b"]?.string == "c")
        #expect(value.canonicalJSON == String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/"))
    }

    @Test(arguments: [
        ("[1, 2,]", "json.trailingComma"),
        (#"{"a": 1,}"#, "json.trailingComma"),
        ("{\"a\": \"line\nbreak\"}", "json.rawControlCharacter"),
        ("{\"a\": \"tab\there\"}", "json.rawControlCharacter"),
        (#"{"a": 1 "b": 2}"#, "json.missingComma"),
    ])
    func lenientModeFlagsWhatStrictModeRejects(text: String, code: String) throws {
        #expect(throws: DocumentError.self) { try read(text) }
        let output = try JSONReader.readTolerant(Array(text.utf8), maxDepth: 64)
        #expect(output.warnings.map(\.code) == [code])
    }

    @Test func rawNewlineIsKeptInTheString() throws {
        let output = try JSONReader.readTolerant(Array("{\"a\": \"x\ny\"}".utf8), maxDepth: 8)
        #expect(output.value["a"]?.string == "x\ny")
    }

    @Test func warningsAreBounded() throws {
        let text = "[" + String(repeating: "\"a\nb\",", count: 500) + "]"
        let output = try JSONReader.readTolerant(Array(text.utf8), maxDepth: 8)
        #expect(output.warnings.count == JSONReader.maxWarnings)
    }

    @Test func depthLimitIsExact() throws {
        let ok = String(repeating: "[", count: 8) + String(repeating: "]", count: 8)
        #expect(throws: Never.self) { try JSONReader.read(Array(ok.utf8), maxDepth: 8, lenient: false) }
        let deep = String(repeating: "[", count: 9) + String(repeating: "]", count: 9)
        #expect(throws: DocumentError(code: .tooDeep, reason: "")) { try JSONReader.read(Array(deep.utf8), maxDepth: 8, lenient: false) }
    }

    @Test func canonicalJSONSortsKeysAndIgnoresSpacing() throws {
        let first = try read(#"{"b": [1, 2.5], "a": {"y": null, "x": "\u0001"}}"#)
        let second = try read("{\"a\":{\"x\":\"\\u0001\",\"y\":null},\n \"b\":[1.0,2.5]}")
        #expect(first.canonicalJSON == second.canonicalJSON)
        #expect(first.canonicalJSON == #"{"a":{"x":"\u0001","y":null},"b":[1,2.5]}"#)
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex("".utf8) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
