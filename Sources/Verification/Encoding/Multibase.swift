/// Multibase (the `z` base58btc prefix only) and multicodec key prefixes, as used by `did:key` and `Multikey`
/// (W3C Controller Documents 1.0 section 2.2.2, the did:key method section 3.1).
public enum Multibase {
    /// The bytes of a base58btc multibase string (`z...`), or nil when it is not one.
    public static func decodeBase58btc(_ text: Substring) -> [UInt8]? {
        guard text.first == "z" else { return nil }
        return Base58.decode(text.dropFirst())
    }

    /// `bytes` as a base58btc multibase string (`z...`).
    public static func encodeBase58btc(_ bytes: [UInt8]) -> String { "z" + Base58.encode(bytes) }
}

/// The multicodec prefixes of the public keys endorse reads, as their unsigned-varint bytes.
public enum Multicodec: Sendable, Hashable {
    /// `ed25519-pub` (0xed): 32 bytes follow.
    case ed25519Public
    /// `p256-pub` (0x1200): a 33-byte compressed SEC1 point follows.
    case p256Public

    /// The varint prefix.
    public var prefix: [UInt8] {
        switch self {
        case .ed25519Public: [0xED, 0x01]
        case .p256Public: [0x80, 0x24]
        }
    }

    /// Splits `bytes` into a known codec and its key bytes; nil for any other prefix.
    public static func split(_ bytes: [UInt8]) -> (codec: Multicodec, key: [UInt8])? {
        for codec in [Multicodec.ed25519Public, .p256Public] where bytes.starts(with: codec.prefix) {
            return (codec, Array(bytes.dropFirst(codec.prefix.count)))
        }
        return nil
    }
}

/// Base58 with the Bitcoin alphabet. Inputs are short (keys), so the quadratic big-number conversion is fine;
/// callers bound the length (``decode(_:)`` refuses more than 512 characters).
enum Base58 {
    private static let alphabet: [UInt8] = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    /// The bytes of base58btc `text` (at most 512 characters), nil for a character outside the alphabet.
    ///
    /// The number is built in 32-bit limbs, least significant first (one multiply-add per limb and character), not
    /// byte by byte: a proof value is 88 characters and is decoded once per check.
    static func decode(_ text: Substring) -> [UInt8]? {
        let input = Array(text.utf8)
        guard !input.isEmpty, input.count <= 512 else { return nil }
        let table = values
        let zero = alphabet[0]
        var leadingZeros = 0
        while leadingZeros < input.count, input[leadingZeros] == zero { leadingZeros += 1 }
        var limbs: [UInt32] = []
        limbs.reserveCapacity(input.count * 733 / 4000 + 2)  // log(58) / log(2^32) = 0.183 limbs per character
        for byte in input {
            guard byte < 128 else { return nil }
            let digit = table[Int(byte)]
            guard digit >= 0 else { return nil }
            var carry = UInt64(digit)
            for index in limbs.indices {
                let product = UInt64(limbs[index]) * 58 + carry
                limbs[index] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry > 0 { limbs.append(UInt32(carry)) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(leadingZeros + limbs.count * 4)
        bytes.append(contentsOf: repeatElement(0, count: leadingZeros))
        var started = false
        for limb in limbs.reversed() {
            for shift in stride(from: 24, through: 0, by: -8) {
                let value = UInt8(truncatingIfNeeded: limb >> UInt32(shift))
                if value != 0 { started = true }
                if started { bytes.append(value) }
            }
        }
        return bytes
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var leadingZeros = 0
        while leadingZeros < bytes.count, bytes[leadingZeros] == 0 { leadingZeros += 1 }
        var digits: [UInt8] = []  // little-endian base 58
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let text = [UInt8](repeating: alphabet[0], count: leadingZeros) + digits.reversed().map { alphabet[Int($0)] }
        return String(decoding: text, as: UTF8.self)
    }
}
