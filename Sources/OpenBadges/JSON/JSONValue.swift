import Foundation

/// A parsed JSON value. Objects keep the last value of a duplicated key.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object; nil for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The first member present among `keys` (aliases such as `verification` / `verify`).
    public func first(_ keys: String...) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for key in keys {
            if let value = members[key], value != .null { return value }
        }
        return nil
    }

    /// The text of a string value; nil for other values.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The members of an object; nil for other values.
    public var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// True for an object.
    public var isObject: Bool { object != nil }

    /// A multi-valued property normalised to an array: a single value becomes one element, null none.
    public var values: [JSONValue] {
        switch self {
        case .array(let elements): elements
        case .null: []
        default: [self]
        }
    }

    /// Every string among ``values``.
    public var strings: [String] { values.compactMap(\.string) }
}

extension JSONValue {
    /// `text` parsed as one strict JSON text (RFC 8259, none of the lenient repairs documents get, nested at most
    /// `ParserLimits.default.maxDepth` levels), or nil when it is not one.
    public static func parse(_ text: String) -> JSONValue? {
        try? parse(bytes: Array(text.utf8))
    }

    /// `bytes` parsed as one strict JSON text (RFC 8259), nested at most `maxDepth` levels.
    /// - Throws: ``DocumentError`` (`malformedJSON`, `notUTF8`, `tooDeep`) with the byte offset or JSON path.
    public static func parse(bytes: [UInt8], maxDepth: Int = ParserLimits.default.maxDepth) throws(DocumentError) -> JSONValue {
        try JSONReader.read(bytes, maxDepth: maxDepth, lenient: false).value
    }
}
