import Foundation

/// An iterative JSON parser (RFC 8259) with a depth limit, JSON paths in its errors and an optional lenient
/// mode for the mistakes documents make in the wild.
///
/// Containers are kept on explicit stacks rather than the call stack, so nesting costs heap, never stack:
/// a 100 000-level array fails with ``DocumentError/Code/tooDeep`` at `maxDepth` instead of crashing.
/// Lenient mode accepts trailing commas, a missing comma between members, and raw control characters
/// inside strings, and records a ``ParseWarning`` for each (at most ``maxWarnings``).
struct JSONReader {
    /// What a parse produced.
    struct Output {
        var value: JSONValue
        var warnings: [ParseWarning]
    }

    static let maxWarnings = 50

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private let lenient: Bool
    private var pos = 0
    private var warnings: [ParseWarning] = []
    private var isObject: [Bool] = []
    private var arrays: [[JSONValue]] = []
    private var objects: [[String: JSONValue]] = []
    private var keys: [String] = []

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, lenient: Bool) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.lenient = lenient
    }

    /// Parses `bytes` as one JSON text. Throws `malformedJSON`, `notUTF8` or `tooDeep` with the JSON path.
    static func read(_ bytes: [UInt8], maxDepth: Int, lenient: Bool) throws(DocumentError) -> Output {
        let result: Result<Output, DocumentError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer, maxDepth: min(maxDepth, ParserLimits.depthCeiling), lenient: lenient)
            do throws(DocumentError) {
                return .success(Output(value: try reader.run(), warnings: reader.warnings))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Strict first, then lenient: valid JSON pays for one pass only; invalid JSON that the lenient pass reads
    /// comes back with warnings; otherwise the strict pass's error is thrown.
    static func readTolerant(_ bytes: [UInt8], maxDepth: Int) throws(DocumentError) -> Output {
        do {
            return try read(bytes, maxDepth: maxDepth, lenient: false)
        } catch let strictError {
            guard strictError.code == .malformedJSON else { throw strictError }
            do {
                return try read(bytes, maxDepth: maxDepth, lenient: true)
            } catch {
                throw strictError
            }
        }
    }

    // MARK: - Driver

    private mutating func run() throws(DocumentError) -> JSONValue {
        skipSpace()
        if pos + 2 < bytes.count, bytes[pos] == 0xEF, bytes[pos + 1] == 0xBB, bytes[pos + 2] == 0xBF {
            pos += 3
            skipSpace()
        }
        guard pos < bytes.count else { throw fail(.empty, "the document is empty; expected a JSON object or array") }
        var value = try startValue()
        while true {
            guard let top = isObject.last else { break }
            if top {
                // The key stays on its stack until the member is complete, so errors name it.
                objects[objects.count - 1][keys[keys.count - 1]] = value
            } else {
                arrays[arrays.count - 1].append(value)
            }
            if let closed = try afterMember(inObject: top) {
                value = closed
            } else {
                value = try startValue()
            }
        }
        skipSpace()
        guard pos == bytes.count else { throw fail(.malformedJSON, "unexpected data after the end of the JSON document") }
        return value
    }

    /// Reads a scalar, or opens containers until a complete value is available (an empty container or a scalar).
    private mutating func startValue() throws(DocumentError) -> JSONValue {
        while true {
            skipSpace()
            guard pos < bytes.count else { throw fail(.malformedJSON, "the document ends where a value was expected") }
            switch bytes[pos] {
            case UInt8(ascii: "{"):
                try push(object: true)
                pos += 1
                skipSpace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                    pos += 1
                    return pop()
                }
                try readKey()
            case UInt8(ascii: "["):
                try push(object: false)
                pos += 1
                skipSpace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                    pos += 1
                    return pop()
                }
            case UInt8(ascii: "\""):
                return .string(try readString())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return try readNumber()
            default:
                throw fail(.malformedJSON, "unexpected character '\(Self.printable(bytes[pos]))' where a value was expected")
            }
        }
    }

    /// After a member was stored: returns the closed container when the input closes it, or nil when another
    /// member follows (its key already read for objects).
    private mutating func afterMember(inObject: Bool) throws(DocumentError) -> JSONValue? {
        let close = inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        skipSpace()
        guard pos < bytes.count else { throw fail(.malformedJSON, "the document ends inside an \(inObject ? "object" : "array")") }
        let byte = bytes[pos]
        if byte == close {
            pos += 1
            if inObject { keys.removeLast() }
            return pop()
        }
        if byte == UInt8(ascii: ",") {
            pos += 1
            skipSpace()
            if pos < bytes.count, bytes[pos] == close {
                guard lenient else { throw fail(.malformedJSON, "trailing comma before '\(Self.printable(close))'") }
                warn("json.trailingComma", "a trailing comma was ignored")
                pos += 1
                if inObject { keys.removeLast() }
                return pop()
            }
        } else if lenient, !inObject || byte == UInt8(ascii: "\"") {
            warn("json.missingComma", "a missing comma was assumed")
        } else {
            throw fail(.malformedJSON, "expected ',' or '\(Self.printable(close))' but found '\(Self.printable(byte))'")
        }
        if inObject {
            keys.removeLast()
            try readKey()
        }
        return nil
    }

    private mutating func readKey() throws(DocumentError) {
        skipSpace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
            throw fail(.malformedJSON, "expected a quoted member name")
        }
        let key = try readString()
        skipSpace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
            throw fail(.malformedJSON, "expected ':' after member name \"\(key.prefix(40))\"")
        }
        pos += 1
        keys.append(key)
    }

    private mutating func push(object: Bool) throws(DocumentError) {
        guard isObject.count < maxDepth else {
            throw fail(.tooDeep, "nesting deeper than \(maxDepth) levels; the document is rejected as hostile or broken")
        }
        isObject.append(object)
        if object { objects.append([:]) } else { arrays.append([]) }
    }

    private mutating func pop() -> JSONValue {
        if isObject.removeLast() { return .object(objects.removeLast()) }
        return .array(arrays.removeLast())
    }

    // MARK: - Scalars

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(DocumentError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard pos + count <= bytes.count else { throw fail(.malformedJSON, "truncated literal") }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[pos + $0] == expected[$0] }
        }
        guard matches else { throw fail(.malformedJSON, "unknown literal; expected \(word)") }
        pos += count
        return value
    }

    private mutating func readNumber() throws(DocumentError) -> JSONValue {
        let start = pos
        while pos < bytes.count, Self.isNumberByte(bytes[pos]) { pos += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        guard let number = Double(text), number.isFinite, !text.hasSuffix("."), !text.hasPrefix("."),
            !(text.hasPrefix("0") && text.count > 1 && text.dropFirst().first?.isNumber == true)
        else {
            pos = start
            throw fail(.malformedJSON, "malformed number '\(text.prefix(40))'")
        }
        return .number(number)
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// Reads a string starting at its opening quote. The common case (no escapes) is one scan and one copy.
    private mutating func readString() throws(DocumentError) -> String {
        pos += 1
        let start = pos
        var high: UInt8 = 0
        var warnedControl = false
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<pos])
                pos += 1
                return try makeString(slice, checkUTF8: high >= 0x80, at: start)
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if byte < 0x20 { try controlCharacter(byte, warned: &warnedControl) }
            high |= byte
            pos += 1
        }
        throw fail(.malformedJSON, "unterminated string")
    }

    private mutating func readEscapedString(from start: Int) throws(DocumentError) -> String {
        var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<pos]))
        var warnedControl = false
        while pos < bytes.count {
            let byte = bytes[pos]
            if byte == UInt8(ascii: "\"") {
                pos += 1
                return try buffer.withUnsafeBufferPointer { (slice) throws(DocumentError) -> String in
                    try makeString(slice, checkUTF8: true, at: start)
                }
            }
            if byte < 0x20 { try controlCharacter(byte, warned: &warnedControl) }
            guard byte == UInt8(ascii: "\\") else {
                buffer.append(byte)
                pos += 1
                continue
            }
            guard pos + 1 < bytes.count else { break }
            let escape = bytes[pos + 1]
            pos += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"),
                    bytes[pos + 1] == UInt8(ascii: "u")
                {
                    pos += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        // An unpaired high surrogate becomes U+FFFD; the escape after it is a character of its own.
                        buffer.append(contentsOf: String("\u{FFFD}").utf8)
                        scalar = low
                    }
                }
                let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                buffer.append(contentsOf: String(unicode).utf8)
            default:
                pos -= 2
                throw fail(.malformedJSON, "invalid escape '\\\(Self.printable(escape))' in a string")
            }
        }
        throw fail(.malformedJSON, "unterminated string")
    }

    private mutating func hex4() throws(DocumentError) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw fail(.malformedJSON, "truncated \\u escape") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[pos + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail(.malformedJSON, "invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        pos += 4
        return value
    }

    private mutating func controlCharacter(_ byte: UInt8, warned: inout Bool) throws(DocumentError) {
        guard lenient else {
            throw fail(.malformedJSON, "raw control character 0x\(String(byte, radix: 16)) inside a string; it must be escaped")
        }
        if !warned {
            warned = true
            warn("json.rawControlCharacter", "a raw control character (newline, tab, ...) inside a string was kept")
        }
    }

    private func makeString(_ slice: UnsafeBufferPointer<UInt8>, checkUTF8: Bool, at offset: Int) throws(DocumentError) -> String {
        guard checkUTF8 else { return String(decoding: slice, as: UTF8.self) }
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw DocumentError(
                code: .notUTF8, reason: "a string near byte \(offset) is not valid UTF-8; the document must be UTF-8 encoded",
                path: currentPath())
        }
        return text
    }

    private mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    // MARK: - Errors and paths

    private func fail(_ code: DocumentError.Code, _ reason: String) -> DocumentError {
        DocumentError(code: code, reason: "\(reason) (byte \(pos))", path: currentPath())
    }

    private mutating func warn(_ code: String, _ message: String) {
        guard warnings.count < Self.maxWarnings else { return }
        warnings.append(ParseWarning(code: code, message: "\(message) (byte \(pos))", path: currentPath()))
    }

    /// The JSON path of the member being read, e.g. `$.badge.endorsement[1]`.
    func currentPath() -> String {
        var path = "$"
        var arrayIndex = 0
        var keyIndex = 0
        for object in isObject.prefix(64) {
            if object {
                if keyIndex < keys.count { path += Self.pathComponent(keys[keyIndex]) }
                keyIndex += 1
            } else {
                path += "[\(arrays[arrayIndex].count)]"
                arrayIndex += 1
            }
        }
        if isObject.count > 64 { path += "..." }
        return path
    }

    static func pathComponent(_ key: String) -> String {
        if key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !key.isEmpty { return ".\(key)" }
        return "['\(key.replacingOccurrences(of: "'", with: "\\'"))']"
    }

    private static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x\(String(byte, radix: 16))"
    }
}
