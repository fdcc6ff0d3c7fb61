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
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The first member present among `keys` (aliases such as `verification` / `verify`).
    func first(_ keys: String...) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for key in keys {
            if let value = members[key], value != .null { return value }
        }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var isObject: Bool { object != nil }

    /// A multi-valued property normalised to an array: a single value becomes one element, null none.
    var values: [JSONValue] {
        switch self {
        case .array(let elements): elements
        case .null: []
        default: [self]
        }
    }

    /// Every string among ``values``.
    var strings: [String] { values.compactMap(\.string) }
}

extension JSONValue {
    /// `text` parsed as one strict JSON text (RFC 8259, none of the lenient repairs documents get, nested at most
    /// `ParserLimits.default.maxDepth` levels), or nil when it is not one.
    public static func parse(_ text: String) -> JSONValue? {
        try? JSONReader.read(Array(text.utf8), maxDepth: ParserLimits.default.maxDepth, lenient: false).value
    }
}
