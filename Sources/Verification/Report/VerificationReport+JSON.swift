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
        writer.output.append(contentsOf: (weakKey ? "true" : "false").utf8)
        writer.close()
        return String(decoding: writer.output, as: UTF8.self)
    }
}

/// Writes one JSON object member by member, in the order given (the caller gives keys sorted).
private struct ReportJSONWriter {
    var output: [UInt8] = []
    private var needsComma = false

    mutating func open() {
        output.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func close() { output.append(UInt8(ascii: "}")) }

    mutating func key(_ name: String) {
        if needsComma { output.append(UInt8(ascii: ",")) }
        needsComma = true
        quote(name)
        output.append(UInt8(ascii: ":"))
    }

    /// A string member, left out when `value` is nil.
    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        quote(value)
    }

    mutating func strings(_ values: [String]) {
        output.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            quote(value)
        }
        output.append(UInt8(ascii: "]"))
    }

    mutating func fact(_ state: String, _ detail: String?) {
        let outer = needsComma
        open()
        member("detail", detail)
        member("state", state)
        close()
        needsComma = outer
    }

    private mutating func quote(_ text: String) { JSONValue.appendQuotedJSON(text, to: &output) }
}
