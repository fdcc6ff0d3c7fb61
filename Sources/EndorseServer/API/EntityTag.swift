import Foundation

/// Strong HTTP entity tags (RFC 9110 section 8.8.3) derived from the database's change token and the request target.
///
/// The same token and target always give the same tag, so a client revalidating with `If-None-Match` gets a 304
/// until the crawler changes the database.
enum EntityTag {
    /// `"<32 hex digits>"`: two 64-bit FNV-1a hashes of `token`, a newline and `target`.
    static func make(changeToken token: String, target: String) -> String {
        let bytes = Array(token.utf8) + [0x0A] + Array(target.utf8)
        let first = fnv1a(bytes, basis: 0xcbf2_9ce4_8422_2325)
        let second = fnv1a(bytes.reversed(), basis: 0x8422_2325_cbf2_9ce4)
        return "\"" + hex(first) + hex(second) + "\""
    }

    /// True when an `If-None-Match` value (a list of tags, or `*`) matches `tag` by weak comparison (RFC 9110 section 13.1.2).
    static func matches(ifNoneMatch header: String, tag: String) -> Bool {
        for candidate in header.split(separator: ",") {
            var value = candidate.trimmingCharacters(in: .whitespaces)[...]
            if value == "*" { return true }
            if value.hasPrefix("W/") { value = value.dropFirst(2) }
            if value == tag[...] { return true }
        }
        return false
    }

    private static func fnv1a(_ bytes: some Sequence<UInt8>, basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
