extension RobotsPolicy {
    /// Normalises percent-encoding as RFC 9309 section 2.2.2 asks, so that a pattern and a path that
    /// spell the same octets compare equal: escapes of unreserved characters are decoded, other escapes
    /// get upper-case hex digits, and octets outside printable US-ASCII are percent-encoded.
    static func normalisedPath(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    output.append(decoded)
                } else {
                    output.append(contentsOf: [UInt8(ascii: "%"), hexDigit(high), hexDigit(low)])
                }
                index += 3
                continue
            }
            if byte <= 0x20 || byte >= 0x7F {
                output.append(contentsOf: [UInt8(ascii: "%"), hexDigit(byte >> 4), hexDigit(byte & 0x0F)])
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Matches a normalised path against a normalised pattern: a prefix match where `*` matches any run of
    /// octets and a final `$` requires the path to end there. Linear-time greedy matching with backtracking
    /// to the last `*` only, so a hostile pattern cannot cost more than pattern length x path length.
    static func matches(pattern: String, path: String) -> Bool {
        var pattern = Array(pattern.utf8)
        let path = Array(path.utf8)
        let anchored = pattern.last == UInt8(ascii: "$")
        if anchored { pattern.removeLast() }
        let star = UInt8(ascii: "*")
        var p = 0
        var s = 0
        var lastStar: Int?
        var resumeAt = 0
        while s < path.count {
            if p == pattern.count {
                // The whole pattern matched a prefix: enough unless anchored.
                if !anchored { return true }
            } else if pattern[p] == star {
                lastStar = p
                resumeAt = s
                p += 1
                continue
            } else if pattern[p] == path[s] {
                p += 1
                s += 1
                continue
            }
            guard let star = lastStar else { return false }
            p = star + 1
            resumeAt += 1
            s = resumeAt
        }
        while p < pattern.count && pattern[p] == star { p += 1 }
        return p == pattern.count
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
