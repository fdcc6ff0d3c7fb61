extension JSONValue {
    /// The RFC 8785 (JSON Canonicalization Scheme) serialisation of this value, as UTF-8 bytes.
    ///
    /// - Objects: members sorted by the UTF-16 code units of their names (section 3.2.3), no white space.
    /// - Strings: only the escapes ECMAScript `JSON.stringify` makes (section 3.2.2.2): `\"`, `\\`, `\b`, `\f`,
    ///   `\n`, `\r`, `\t`, other controls below U+0020 as lowercase `\u00xx`; everything else, non-ASCII
    ///   included, as its UTF-8 bytes.
    /// - Numbers: ECMAScript `Number.prototype.toString` (section 3.2.2.3), see ``JSONValue/ecmaScriptString(_:)``.
    ///
    /// Values from ``JSONValue/parse(bytes:maxDepth:)`` are always finite. A non-finite number put into a value by
    /// hand is written `null`, as `JSON.stringify` writes it; RFC 8785 calls that input an error, so do not build one.
    /// Cost: one pass over the value plus sorting each object's keys; recursion as deep as the value.
    public var jcsCanonicalBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        appendJCS(to: &output)
        return output
    }

    /// ``jcsCanonicalBytes`` as a `String` (RFC 8785). The bytes are UTF-8 by construction.
    public var jcsCanonical: String {
        String(decoding: jcsCanonicalBytes, as: UTF8.self)
    }

    /// The ECMAScript `Number::toString(x)` text of `value` (ECMA-262 section 6.1.6.1.20, which RFC 8785
    /// section 3.2.2.3 adopts): the shortest decimal digits that round-trip, laid out without an exponent for
    /// 1e-7 < |x| < 1e21 and as `de±n` / `d.ddde±n` otherwise; `-0` gives `0`. NaN gives `NaN` and infinities
    /// `Infinity` / `-Infinity`, as ECMAScript writes them (JCS itself never emits these).
    public static func ecmaScriptString(_ value: Double) -> String {
        var output: [UInt8] = []
        appendECMAScriptNumber(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private func appendJCS(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            if number.isFinite {
                Self.appendECMAScriptNumber(number, to: &output)
            } else {
                output.append(contentsOf: "null".utf8)
            }
        case .string(let text): Self.appendJCSString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.appendJCS(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            // RFC 8785 section 3.2.3: by UTF-16 code units, which differs from Swift's `<` (scalar order) for
            // names mixing astral characters with U+E000...U+FFFF.
            let keys = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.appendJCSString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                members[key]?.appendJCS(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// `text` as a JSON string literal, quoted as RFC 8785 section 3.2.2.2 requires (ECMAScript
    /// `QuoteJSONString`: `"` and `\` escaped, the short escapes for backspace, tab, newline, form feed and carriage
    /// return, `\u00xx` for other controls, everything else as is), appended to `output`. The same bytes Foundation's
    /// `JSONEncoder` writes with `.withoutEscapingSlashes`.
    public static func appendQuotedJSON(_ text: String, to output: inout [UInt8]) {
        appendJCSString(text, to: &output)
    }

    /// RFC 8785 section 3.2.2.2 (ECMAScript `QuoteJSONString`). Swift strings hold no lone surrogates, so the
    /// ES2019 `\udxxx` escapes for them never arise.
    private static func appendJCSString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0x0F))
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// ECMA-262 `Number::toString` for radix 10. The digits come from Swift's `description`, which prints the
    /// shortest round-tripping digits nearest to the value (the `s` and `k` of the ECMAScript algorithm); only the
    /// layout differs, so it is redone here from those digits and the decimal exponent.
    private static func appendECMAScriptNumber(_ value: Double, to output: inout [UInt8]) {
        if value.isNaN {
            output.append(contentsOf: "NaN".utf8)
            return
        }
        if value == 0 {
            output.append(UInt8(ascii: "0"))  // also -0 (step 2 of Number::toString)
            return
        }
        if value < 0 { output.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        if magnitude.isInfinite {
            output.append(contentsOf: "Infinity".utf8)
            return
        }
        // Below 2^53 an integral double's own digits are the shortest that round-trip, and ECMAScript writes
        // such integers (n <= 21) plainly: skip the description.
        if magnitude < 9_007_199_254_740_992, magnitude == magnitude.rounded(.towardZero) {
            output.append(contentsOf: String(UInt64(magnitude)).utf8)
            return
        }
        let (digits, pointPosition) = shortestDigits(of: magnitude)
        layOut(digits: digits, pointPosition: pointPosition, to: &output)
    }

    /// The significant digits of finite, positive `magnitude` (ASCII, no leading or trailing zeros) and `n`, the
    /// position of the decimal point relative to the first digit: value = 0.d1d2...dk × 10^n.
    private static func shortestDigits(of magnitude: Double) -> (digits: [UInt8], pointPosition: Int) {
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var digitsBeforePoint: Int?
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in magnitude.description.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    digits.append(byte)
                }
            case UInt8(ascii: "."): digitsBeforePoint = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): exponentSign = -1
            default: break  // "+"
            }
        }
        var pointPosition = (digitsBeforePoint ?? digits.count) + exponentSign * exponent
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        pointPosition -= leadingZeros
        let trailingZeros = digits.reversed().prefix { $0 == UInt8(ascii: "0") }.count
        let significant = Array(digits[leadingZeros..<(digits.count - trailingZeros)])
        return (significant, pointPosition)
    }

    /// Steps 6-10 of ECMA-262 `Number::toString` with k = `digits.count` and n = `pointPosition`.
    private static func layOut(digits: [UInt8], pointPosition n: Int, to output: inout [UInt8]) {
        let k = digits.count
        if k <= n && n <= 21 {
            output.append(contentsOf: digits)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
        } else if 0 < n && n <= 21 {
            output.append(contentsOf: digits[..<n])
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: digits[n...])
        } else if -6 < n && n <= 0 {
            output.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
            output.append(contentsOf: digits)
        } else {
            output.append(digits[0])
            if k > 1 {
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digits[1...])
            }
            output.append(UInt8(ascii: "e"))
            output.append(n - 1 >= 0 ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            output.append(contentsOf: String((n - 1).magnitude).utf8)
        }
    }
}
