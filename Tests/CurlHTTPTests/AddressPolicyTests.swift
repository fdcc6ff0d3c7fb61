import CurlHTTP
import Testing

struct AddressPolicyTests {
    static let table: [(String, AddressPolicy.Category?)] = [
        ("127.0.0.1", .loopback), ("127.255.0.9", .loopback), ("::1", .loopback),
        ("10.0.0.1", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork),
        ("192.168.1.1", .privateNetwork), ("fc00::1", .privateNetwork), ("fd12:3456::1", .privateNetwork), ("fec0::1", .privateNetwork),
        ("169.254.169.254", .linkLocal), ("fe80::1", .linkLocal), ("febf::1", .linkLocal),
        ("100.64.0.1", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
        ("224.0.0.1", .multicast), ("239.255.255.250", .multicast), ("ff02::1", .multicast),
        ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified), ("::", .unspecified),
        ("255.255.255.255", .broadcast), ("240.0.0.1", .reserved),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:10.0.0.1", .privateNetwork), ("::ffff:169.254.1.1", .linkLocal),
        ("::127.0.0.1", .loopback), ("::10.1.2.3", .privateNetwork), ("64:ff9b::7f00:1", .loopback), ("2002:a00:1::", .privateNetwork),
        // Public: the edges of each range must stay allowed.
        ("8.8.8.8", nil), ("1.1.1.1", nil), ("172.15.255.255", nil), ("172.32.0.0", nil), ("100.63.255.255", nil),
        ("100.128.0.0", nil), ("169.253.255.255", nil), ("192.169.0.1", nil), ("223.255.255.255", nil), ("11.0.0.1", nil),
        ("2606:4700::1111", nil), ("2001:db8::1", nil), ("::ffff:8.8.8.8", nil), ("fbff::1", nil), ("2002:808:808::", nil),
    ]

    @Test(arguments: table)
    func classifies(text: String, expected: AddressPolicy.Category?) throws {
        let address = try #require(AddressPolicy.parse(text))
        #expect(AddressPolicy.category(of: address) == expected, "\(text)")
    }

    @Test func refusesOnlyWithoutTheOption() throws {
        let loopback = try #require(AddressPolicy.parse("127.0.0.1"))
        let reason = AddressPolicy(allowPrivateAddresses: false).refusal(of: loopback)
        #expect(reason?.contains("127.0.0.1 is a loopback address") == true)
        #expect(AddressPolicy(allowPrivateAddresses: true).refusal(of: loopback) == nil)
        #expect(AddressPolicy(allowPrivateAddresses: false).refusal(of: try #require(AddressPolicy.parse("93.184.216.34"))) == nil)
    }

    @Test func malformedInputIsNotPublic() {
        #expect(AddressPolicy.parse("127.1") == nil)  // not a dotted quad; curl's resolver handles it and the socket check sees 127.0.0.1
        #expect(AddressPolicy.category(of: [1, 2, 3]) == .unspecified)
    }
}
