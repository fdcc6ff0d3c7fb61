import OpenBadges

/// Tells what a baked text is: an http(s) URL (a hosted assertion), a JSON object, or a compact JWS; anything
/// else is a named error. The baking specifications allow exactly these three (Open Badges 2.0 Baking: "the
/// JSON representation of an OpenBadges assertion or a signature", legacy `tEXt` = the hosted URL; Open Badges
/// 3.0 section 5.3: JSON or a Compact JWS).
enum PayloadClassifier {
    /// The payload `text` classified, with surrounding white space (space, tab, CR, LF) removed.
    ///
    /// - Throws: ``UnbakeError/Code/emptyPayload``, ``UnbakeError/Code/invalidJSON`` (starts with `{` or `[` but
    ///   is not one valid JSON object), ``UnbakeError/Code/invalidJWS`` (dot-separated base64url that is not a
    ///   compact JWS of two JSON objects and a signature), ``UnbakeError/Code/unrecognizedPayload``; each with
    ///   `location` and the text.
    static func classify(_ text: String, location: String) throws(UnbakeError) -> PayloadKind {
        let utf8 = Array(text.utf8)
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isWhiteSpace(utf8[start]) { start += 1 }
        while end > start, isWhiteSpace(utf8[end - 1]) { end -= 1 }
        let trimmed = utf8[start..<end]
        guard let first = trimmed.first else {
            throw UnbakeError(code: .emptyPayload, reason: "the payload is empty (white space only); the image carries no badge", location: location)
        }
        let trimmedText = start == utf8.startIndex && end == utf8.endIndex ? text : String(decoding: trimmed, as: UTF8.self)

        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            if first == UInt8(ascii: "[") {
                throw UnbakeError(
                    code: .invalidJSON, reason: "the payload is a JSON array; a baked badge holds one JSON object", location: location,
                    payloadText: trimmedText)
            }
            if let failure = jsonProblem(trimmed) {
                throw UnbakeError(
                    code: .invalidJSON, reason: "the payload is not valid JSON (RFC 8259): \(failure)", location: location, payloadText: trimmedText)
            }
            return .json(trimmedText)
        }
        if hasHTTPScheme(trimmed) {
            if let reason = urlProblem(trimmed) {
                throw UnbakeError(code: .unrecognizedPayload, reason: reason, location: location, payloadText: trimmedText)
            }
            return .url(trimmedText)
        }
        if trimmed.contains(UInt8(ascii: ".")), trimmed.allSatisfy({ $0 == UInt8(ascii: ".") || Base64URL.isAlphabet($0) }) {
            if let reason = jwsProblem(trimmed) {
                throw UnbakeError(code: .invalidJWS, reason: reason, location: location, payloadText: trimmedText)
            }
            return .jwt(trimmedText)
        }
        throw UnbakeError(
            code: .unrecognizedPayload,
            reason: "the payload is neither an http(s) URL, a JSON object nor a compact JWS (it starts with \(preview(trimmed)))",
            location: location, payloadText: trimmedText)
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func hasHTTPScheme(_ bytes: ArraySlice<UInt8>) -> Bool {
        for scheme in ["http://", "https://"] where bytes.count >= scheme.utf8.count {
            let head = bytes.prefix(scheme.utf8.count).lazy.map { $0 | 0x20 }  // ASCII lower case; the scheme is case-insensitive
            if head.elementsEqual(scheme.utf8) { return true }
        }
        return false
    }

    /// Why an `http(s)://` text is not a usable URL, or nil. Only what a URL can never contain is checked;
    /// fetching it is the caller's business.
    private static func urlProblem(_ bytes: ArraySlice<UInt8>) -> String? {
        if let bad = bytes.first(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") }
        ) {
            return
                "the payload starts like a URL but contains \(bad <= 0x20 ? "white space or a control character" : "'\(Character(Unicode.Scalar(bad)))'"), which no URL may hold"
        }
        guard let separator = bytes.firstRange(of: "://".utf8) else { return "the payload is not a URL" }
        let rest = bytes[separator.upperBound...]
        guard let hostStart = rest.first, hostStart != UInt8(ascii: "/"), hostStart != UInt8(ascii: "?"), hostStart != UInt8(ascii: "#") else {
            return "the payload starts like a URL but has no host"
        }
        return nil
    }

    /// Why dot-separated base64url text is not a compact JWS (RFC 7515 section 7.1) of a JSON header and a JSON
    /// payload, or nil.
    private static func jwsProblem(_ bytes: ArraySlice<UInt8>) -> String? {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            let hint = parts.count == 5 ? " (5 parts is a JWE, an encrypted token, which badges do not use)" : ""
            return "the payload looks like a token but has \(parts.count) dot-separated parts; a compact JWS has 3\(hint)"
        }
        for (name, part) in [("header", parts[0]), ("payload", parts[1])] {
            guard !part.isEmpty else { return "the compact JWS has an empty \(name)" }
            guard let decoded = Base64URL.decodeLenient(part) else { return "the compact JWS \(name) is not base64url (its length is impossible)" }
            guard String(validating: decoded, as: UTF8.self) != nil else { return "the compact JWS \(name) does not decode to UTF-8 text" }
            let firstNonSpace = decoded.first { !isWhiteSpace($0) }
            if firstNonSpace != UInt8(ascii: "{") { return "the compact JWS \(name) does not decode to a JSON object" }
            if let failure = jsonProblem(decoded[...]) {
                return "the compact JWS \(name) is not valid JSON: \(failure)"
            }
        }
        return nil
    }

    /// Why `bytes` are not one strict JSON text (RFC 8259, the project's reader), or nil.
    private static func jsonProblem(_ bytes: ArraySlice<UInt8>) -> String? {
        do {
            _ = try JSONValue.parse(bytes: Array(bytes))
            return nil
        } catch {
            return error.reason
        }
    }

    /// The first characters of `bytes`, quoted, for messages.
    private static func preview(_ bytes: ArraySlice<UInt8>) -> String {
        let head = String(decoding: bytes.prefix(24), as: UTF8.self)
        return "\"\(head)\(bytes.count > 24 ? "…" : "")\""
    }
}
