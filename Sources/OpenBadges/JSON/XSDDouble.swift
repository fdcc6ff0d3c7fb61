#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `xsd:double` lexical forms JSON-LD needs when it turns JSON numbers into RDF literals.
public enum XSDDouble {
    /// The canonical lexical form of `value` as JSON-LD 1.1 toRdf writes it (JSON-LD 1.1 API section 6.8
    /// "Object to RDF Conversion", step 10, and section 8.6 "Data Round Tripping"; XML Schema 1.1 Part 2
    /// section 3.3.5.2): `printf("%1.15E")`, that is 16 significant digits correctly rounded, then the
    /// mantissa's trailing zeros removed down to one digit after the point and the exponent written as a plain
    /// integer: 1.1 → `1.1E0`, 53 → `5.3E1`, 1e21 → `1.0E21`, -1.5e-7 → `-1.5E-7`.
    ///
    /// Zero gives `0.0E0`, negative zero included: the JSON-LD reference implementations (`toExponential(15)`
    /// in ECMAScript) drop its sign, and signatures made by them must verify. NaN and the infinities, which JSON
    /// never holds, give XML Schema's `NaN`, `INF`, `-INF`.
    /// Cost: one `vsnprintf` into a stack buffer and a pass over at most 24 bytes.
    public static func canonicalLexicalForm(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        if value == 0 { return "0.0E0" }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
            // "%.15E" of a finite double is at most 23 characters ("-1.797693134862316E+308").
            let written = withVaList([value]) { vsnprintf(buffer.baseAddress, buffer.count, "%.15E", $0) }
            let length = Int(max(0, min(written, Int32(buffer.count - 1))))
            let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: length)
            return canonical(fromPrintf: bytes)
        }
    }

    /// `d.dddddddddddddddE±xx` (printf) rewritten as `d.d...E[-]x`.
    private static func canonical(fromPrintf text: UnsafeRawBufferPointer) -> String {
        guard let ePosition = text.firstIndex(where: { $0 == UInt8(ascii: "E") }) else {
            return String(decoding: text, as: UTF8.self)
        }
        var mantissaEnd = ePosition
        // Keep at least one digit after the point: stop at "d.d".
        while mantissaEnd > 2, text[mantissaEnd - 1] == UInt8(ascii: "0"), text[mantissaEnd - 2] != UInt8(ascii: ".") {
            mantissaEnd -= 1
        }
        var output: [UInt8] = Array(text[..<mantissaEnd])
        output.append(UInt8(ascii: "E"))
        var index = ePosition + 1
        if index < text.count, text[index] == UInt8(ascii: "-") {
            output.append(UInt8(ascii: "-"))
            index += 1
        } else if index < text.count, text[index] == UInt8(ascii: "+") {
            index += 1
        }
        while index < text.count - 1, text[index] == UInt8(ascii: "0") { index += 1 }  // leading zeros, keep one
        output.append(contentsOf: text[index...])
        return String(decoding: output, as: UTF8.self)
    }
}
