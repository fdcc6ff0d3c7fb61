import OpenBadges

/// The report as compact JSON, written by hand: `JSONEncoder` cost about 70 µs a report, a third of a whole
/// EdDSA check, and a crawl writes one per signed endorsement.
extension VerificationReport {
    /// The report as JSON, byte for byte what `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` writes
    /// for it (absent optionals left out), so that `JSONDecoder` reads it back as the same report.
    public var json: String {
        var writer = ReportJSONWriter()
        writer.open()
        writer.member("algorithm", algorithm)
        writer.key("claimProblems")
        writer.strings(claimProblems)
        writer.member("credentialID", credentialID?.string)
        writer.member("form", form.rawValue)
        writer.member("issuer", issuer?.string)
        writer.member("key", key)
        writer.key("keyBinding")
        writer.fact(keyBinding.state.rawValue, keyBinding.detail)
        writer.member("keyID", keyID)
        writer.key("needed")
        writer.strings(needed.map(\.string))
        writer.key("signature")
        writer.fact(signature.state.rawValue, signature.detail)
        writer.key("status")
        writer.fact(status.state.rawValue, status.detail)
        writer.key("validity")
        writer.fact(validity.state.rawValue, validity.detail)
        writer.key("weakKey")
        writer.output += weakKey ? "true" : "false"
        writer.close()
        return writer.output
    }
}

/// Writes one JSON object member by member, in the order given (the caller gives keys sorted).
private struct ReportJSONWriter {
    var output = ""
    private var needsComma = false

    mutating func open() {
        output += "{"
        needsComma = false
    }

    mutating func close() { output += "}" }

    mutating func key(_ name: String) {
        if needsComma { output += "," }
        needsComma = true
        quote(name)
        output += ":"
    }

    /// A string member, left out when `value` is nil.
    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        quote(value)
    }

    mutating func strings(_ values: [String]) {
        output += "["
        for (index, value) in values.enumerated() {
            if index > 0 { output += "," }
            quote(value)
        }
        output += "]"
    }

    mutating func fact(_ state: String, _ detail: String?) {
        let outer = needsComma
        open()
        member("detail", detail)
        member("state", state)
        close()
        needsComma = outer
    }

    /// RFC 8259 section 7 quoting as Foundation's encoder does it: `"` and `\` escaped, the short escapes for
    /// backspace, form feed, newline, carriage return and tab, `\u00XX` for other controls, nothing else.
    private mutating func quote(_ text: String) {
        output += "\""
        let plain = !text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        if plain {
            output += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": output += "\\\""
                case "\\": output += "\\\\"
                case "\u{08}": output += "\\b"
                case "\u{0C}": output += "\\f"
                case "\n": output += "\\n"
                case "\r": output += "\\r"
                case "\t": output += "\\t"
                case _ where scalar.value < 0x20:
                    let digits = Array("0123456789abcdef")
                    output += "\\u00"
                    output.append(digits[Int(scalar.value >> 4)])
                    output.append(digits[Int(scalar.value & 0xF)])
                default: output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
