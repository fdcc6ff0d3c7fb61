import Foundation
import SharedMaterial
import Testing

@testable import OpenBadges

/// RFC 8785 (JSON Canonicalization Scheme) and the `xsd:double` lexical form JSON-LD toRdf uses.
struct JCSTests {
    // MARK: RFC 8785 test data (cyberphone input/ output/ outhex/)

    /// Every `input/X.json` of `../shared/conformance/jcs` canonicalised must equal `output/X.json` byte for byte,
    /// and the bytes `outhex/X.txt` spells out.
    @Test(.needsSharedMaterial) func rfc8785TestData() throws {
        let folder = SharedMaterial.url("conformance/jcs")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("input").path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(".json".count)) }
            .sorted()
        #expect(names.count >= 6, "expected the 6 RFC 8785 test files in \(folder.path)/input")
        var failures: [String] = []
        for name in names {
            let input = try SharedMaterial.bytes("conformance/jcs/input/\(name).json")
            let expected = try SharedMaterial.bytes("conformance/jcs/output/\(name).json")
            let hexText = String(decoding: try SharedMaterial.bytes("conformance/jcs/outhex/\(name).txt"), as: UTF8.self)
            let expectedFromHex = hexText.split(whereSeparator: \.isWhitespace).compactMap { UInt8($0, radix: 16) }
            let actual = try JSONValue.parse(bytes: input).jcsCanonicalBytes
            if actual != expected {
                failures.append("\(name): got \(String(decoding: actual, as: UTF8.self))")
            } else if actual != expectedFromHex {
                failures.append("\(name): output/ and outhex/ disagree with the result")
            }
        }
        print("jcs: \(names.count - failures.count)/\(names.count) passed")
        #expect(failures.isEmpty, "JCS failures:\n\(failures.joined(separator: "\n"))")
    }

    // MARK: Numbers (RFC 8785 Appendix B)

    /// RFC 8785 Appendix B "Number Serialization Samples": IEEE-754 bit patterns and the ECMAScript text JCS
    /// must produce (NaN and Infinity, which the RFC lists as errors, are left out: the parser never yields them).
    @Test(
        arguments: [
            (0x0000_0000_0000_0000, "0"),  // zero
            (0x8000_0000_0000_0000, "0"),  // minus zero
            (0x0000_0000_0000_0001, "5e-324"),  // min positive
            (0x8000_0000_0000_0001, "-5e-324"),  // min negative
            (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),  // max positive
            (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"),  // max negative
            (0x4340_0000_0000_0000, "9007199254740992"),  // max positive integer
            (0xC340_0000_0000_0000, "-9007199254740992"),  // max negative integer
            (0x4430_0000_0000_0000, "295147905179352830000"),  // ~2^68
            (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"),
            (0x44B5_2D02_C7E1_4AF6, "1e+23"),
            (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"),
            (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
            (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"),
            (0x444B_1AE4_D6E2_EF50, "1e+21"),
            (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"),
            (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
            (0x41B3_DE43_5555_5553, "333333333.3333332"),
            (0x41B3_DE43_5555_5554, "333333333.33333325"),
            (0x41B3_DE43_5555_5555, "333333333.3333333"),
            (0x41B3_DE43_5555_5556, "333333333.3333334"),
            (0x41B3_DE43_5555_5557, "333333333.33333343"),
            (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
            (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),  // round to even
        ] as [(UInt64, String)])
    func appendixBNumber(bits: UInt64, expected: String) {
        let value = Double(bitPattern: bits)
        #expect(JSONValue.number(value).jcsCanonical == expected, "bits \(String(bits, radix: 16))")
        #expect(JSONValue.ecmaScriptString(value) == expected)
    }

    /// Layout boundaries of ECMAScript `Number::toString`: where the exponent form starts on either side, and
    /// integers past 2^53 that are printed in full up to 1e21.
    @Test(
        arguments: [
            (1e21, "1e+21"), (1e20, "100000000000000000000"), (1.2345678901234568e20, "123456789012345680000"),
            (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (1e-6, "0.000001"), (0.1, "0.1"), (-0.5, "-0.5"),
            (1.0, "1"), (-1.0, "-1"), (100, "100"), (4.5, "4.5"), (0.002, "0.002"), (1e-27, "1e-27"), (1e30, "1e+30"),
            (9007199254740994, "9007199254740994"), (9007199254740996, "9007199254740996"), (2.5e-5, "0.000025"),
            (1.2345e25, "1.2345e+25"), (0.30000000000000004, "0.30000000000000004"),
        ] as [(Double, String)])
    func numberLayout(value: Double, expected: String) {
        #expect(JSONValue.number(value).jcsCanonical == expected)
    }

    /// The values the parser reads from the RFC's `values.json` come back with the RFC's spelling.
    @Test func parsedNumbersSerialiseAsInTheRFC() throws {
        let value = try JSONValue.parse(bytes: Array("[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001, -0]".utf8))
        #expect(value.jcsCanonical == "[333333333.3333333,1e+30,4.5,0.002,1e-27,0]")
    }

    // MARK: Strings and objects

    @Test func stringsEscapeOnlyWhatECMAScriptEscapes() {
        let text = "\u{20AC}$\u{0F}\nA'B\"\\\u{7F}\u{08}\u{0C}\r\t\u{00}\u{1F}/</script>é😂"
        let expected = #""€$\u000f\nA'B\"\\"# + "\u{7F}" + #"\b\f\r\t\u0000\u001f/</script>é😂""#
        #expect(JSONValue.string(text).jcsCanonical == expected)
    }

    /// RFC 8785 section 3.2.3: names sorted by UTF-16 code units, so U+1F602 (surrogates D83D DE02) sorts before
    /// U+FB33 although its scalar value is larger; nested objects and arrays keep no white space.
    @Test func membersSortByUTF16CodeUnits() {
        let value = JSONValue.object([
            "\u{FB33}": .number(1), "\u{1F602}": .number(2), "b": .array([.null, .object(["z": .bool(true), "a": .bool(false)])]),
            "a": .string(""), "": .number(0.5),
        ])
        #expect(value.jcsCanonical == #"{"":0.5,"a":"","b":[null,{"a":false,"z":true}],"😂":2,"דּ":1}"#)
    }

    @Test func nonFiniteNumbersBuiltByHandBecomeNull() {
        #expect(JSONValue.array([.number(.nan), .number(.infinity)]).jcsCanonical == "[null,null]")
        #expect(JSONValue.ecmaScriptString(-.infinity) == "-Infinity")
    }

    /// A long, wide value from hostile input canonicalises in bounded time (one pass plus key sorts).
    @Test(.timeLimit(.minutes(1))) func largeInputIsLinear() throws {
        let members = (0..<20_000).map { "\"k\($0)\":[\($0).5,\"v\\n\($0)\"]" }.joined(separator: ",")
        let value = try JSONValue.parse(bytes: Array("{\(members)}".utf8))
        let bytes = value.jcsCanonicalBytes
        #expect(bytes.count > 20_000 * 10)
        #expect(bytes.starts(with: Array(#"{"k0":[0.5,"v\n0"],"k1":"#.utf8)))
    }

    // MARK: xsd:double (JSON-LD toRdf)

    /// JSON-LD 1.1 API section 8.6: `%1.15E` with the mantissa's trailing zeros dropped.
    @Test(
        arguments: [
            (1.1, "1.1E0"), (53, "5.3E1"), (1e21, "1.0E21"), (0.0, "0.0E0"), (-0.0, "0.0E0"), (-1.5e-7, "-1.5E-7"),
            (1, "1.0E0"), (-1, "-1.0E0"), (10, "1.0E1"), (0.1, "1.0E-1"), (123.456, "1.23456E2"),
            (Double.leastNonzeroMagnitude, "4.940656458412465E-324"),
            (1.7976931348623157e308, "1.797693134862316E308"), (0.30000000000000004, "3.0E-1"), (2.5e100, "2.5E100"),
            (1.5, "1.5E0"), (3.14159, "3.14159E0"),
        ] as [(Double, String)])
    func xsdDoubleCanonicalForm(value: Double, expected: String) {
        #expect(XSDDouble.canonicalLexicalForm(value) == expected)
    }

    @Test func xsdDoubleNonFinite() {
        #expect(XSDDouble.canonicalLexicalForm(.nan) == "NaN")
        #expect(XSDDouble.canonicalLexicalForm(.infinity) == "INF")
        #expect(XSDDouble.canonicalLexicalForm(-.infinity) == "-INF")
    }
}
