import Foundation

/// Escaping for the server-rendered page: every piece of stored or user text goes through here.
enum HTMLText {
    /// Text safe inside an element or a double- or single-quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A query-string value, percent-encoded (RFC 3986 unreserved characters kept).
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `/?name=value&...` with each value encoded, then escaped for an attribute.
    static func link(_ items: [(String, String)]) -> String {
        escape("/?" + items.map { "\($0.0)=\(queryValue($0.1))" }.joined(separator: "&"))
    }

    /// A store snippet (matches wrapped in `[` `]`) as escaped HTML with `<mark>` around the matches.
    static func snippet(_ text: String) -> String {
        var out = ""
        var open = false
        for character in text {
            switch character {
            case "[" where !open:
                out += "<mark>"
                open = true
            case "]" where open:
                out += "</mark>"
                open = false
            default:
                out += escape(String(character))
            }
        }
        return open ? out + "</mark>" : out
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
