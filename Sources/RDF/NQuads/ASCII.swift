/// The ASCII bytes the N-Quads reader and writer name.
enum ASCII {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let lessThan = UInt8(ascii: "<")
    static let greaterThan = UInt8(ascii: ">")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let at = UInt8(ascii: "@")
    static let caret = UInt8(ascii: "^")
    static let underscore = UInt8(ascii: "_")
    static let colon = UInt8(ascii: ":")
    static let dot = UInt8(ascii: ".")
    static let hash = UInt8(ascii: "#")
    static let hyphen = UInt8(ascii: "-")
    static let zero = UInt8(ascii: "0")
    /// `_:`, the blank node label prefix.
    static let blankPrefix: [UInt8] = [UInt8(ascii: "_"), UInt8(ascii: ":")]
    /// `" .\n"`, the end of every canonical line.
    static let lineEnd: [UInt8] = [UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "\n")]
}
