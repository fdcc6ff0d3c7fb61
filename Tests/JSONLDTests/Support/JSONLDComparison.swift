import OpenBadges

/// JSON-LD object comparison for expansion results (W3C test suite README): arrays are unordered, except the
/// value of `@list`; everything else must be equal.
enum JSONLDComparison {
    static func equal(_ left: JSONValue, _ right: JSONValue, inList: Bool = false) -> Bool {
        switch (left, right) {
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            if inList { return zip(a, b).allSatisfy { equal($0, $1) } }
            var unmatched = b
            for item in a {
                guard let match = unmatched.firstIndex(where: { equal(item, $0) }) else { return false }
                unmatched.remove(at: match)
            }
            return true
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let other = b[key] else { return false }
                // A JSON literal's value is plain JSON, compared exactly.
                if key == "@value" { if value != other { return false } else { continue } }
                guard equal(value, other, inList: key == "@list") else { return false }
            }
            return true
        default:
            return left == right
        }
    }
}
