#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which IP addresses the fetcher may connect to: public unicast only, unless private addresses are allowed.
///
/// Applied to the address curl is about to connect to (CURLOPT_OPENSOCKETFUNCTION), so DNS names, numeric forms
/// (`2130706433`, `0x7f.1`, `127.1`), IPv6 spellings and redirects cannot get around it.
public struct AddressPolicy: Sendable, Hashable {
    /// When true every address is allowed (tests and the offline demo).
    public var allowPrivateAddresses: Bool

    /// Creates a policy.
    public init(allowPrivateAddresses: Bool) {
        self.allowPrivateAddresses = allowPrivateAddresses
    }

    /// Why an address is not public.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// 127.0.0.0/8, ::1.
        case loopback
        /// RFC 1918 (10/8, 172.16/12, 192.168/16), RFC 4193 unique local fc00::/7, deprecated site-local fec0::/10.
        case privateNetwork
        /// 169.254/16, fe80::/10.
        case linkLocal
        /// RFC 6598 carrier-grade NAT 100.64/10.
        case sharedAddressSpace
        /// 224/4, ff00::/8.
        case multicast
        /// 0.0.0.0/8, ::.
        case unspecified
        /// 255.255.255.255.
        case broadcast
        /// 240/4 (reserved for future use).
        case reserved
    }

    /// The reason to refuse `address` (4 or 16 bytes, network order), or nil when it may be used.
    public func refusal(of address: [UInt8]) -> String? {
        guard !allowPrivateAddresses else { return nil }
        guard let category = Self.category(of: address) else { return nil }
        return
            "\(Self.format(address)) is a \(category.rawValue) address; only public addresses are fetched (set allowPrivateAddresses for tests or an offline demo)"
    }

    /// The category of a non-public address, nil for public unicast. IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible
    /// (`::a.b.c.d`), NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`) addresses are judged by the IPv4 address they carry.
    /// Input that is neither 4 nor 16 bytes is `.unspecified`.
    public static func category(of address: [UInt8]) -> Category? {
        switch address.count {
        case 4: return categoryOfIPv4(address)
        case 16: return categoryOfIPv6(address)
        default: return .unspecified
        }
    }

    /// Parses a numeric IPv4 (dotted quad) or IPv6 address (inet_pton); nil when `text` is not one.
    public static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// Formats 4 or 16 bytes as text (inet_ntop).
    public static func format(_ address: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let family = address.count == 4 ? AF_INET : AF_INET6
        guard address.count == 4 || address.count == 16,
            address.withUnsafeBytes({ inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }) != nil
        else { return "invalid address" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func categoryOfIPv4(_ a: [UInt8]) -> Category? {
        switch (a[0], a[1]) {
        case (0, _): return .unspecified
        case (127, _): return .loopback
        case (10, _), (172, 16...31), (192, 168): return .privateNetwork
        case (169, 254): return .linkLocal
        case (100, 64...127): return .sharedAddressSpace
        case (224...239, _): return .multicast
        case (255, 255) where a[2] == 255 && a[3] == 255: return .broadcast
        case (240...255, _): return .reserved
        default: return nil
        }
    }

    private static func categoryOfIPv6(_ a: [UInt8]) -> Category? {
        let firstTenZero = a[0..<10].allSatisfy { $0 == 0 }
        if firstTenZero && a[10] == 0xFF && a[11] == 0xFF { return categoryOfIPv4(Array(a[12..<16])) }
        if firstTenZero && a[10] == 0 && a[11] == 0 {
            if a[12..<15].allSatisfy({ $0 == 0 }) {
                if a[15] == 0 { return .unspecified }
                if a[15] == 1 { return .loopback }
            }
            return categoryOfIPv4(Array(a[12..<16]))  // IPv4-compatible (deprecated)
        }
        if a[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return categoryOfIPv4(Array(a[12..<16])) }
        if a[0] == 0x20 && a[1] == 0x02 { return categoryOfIPv4(Array(a[2..<6])) }
        if a[0] & 0xFE == 0xFC { return .privateNetwork }
        if a[0] == 0xFE && a[1] & 0xC0 == 0x80 { return .linkLocal }
        if a[0] == 0xFE && a[1] & 0xC0 == 0xC0 { return .privateNetwork }
        if a[0] == 0xFF { return .multicast }
        return nil
    }
}
