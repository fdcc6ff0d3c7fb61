/// An identifier issuer (RDFC-1.0 section 4.5): hands out `prefix0`, `prefix1`, … to blank nodes in the order asked,
/// and remembers that order. Blank nodes are numbers here, and the issued identifier is kept as its counter value; the
/// prefix (`c14n` or `b`) is added when an identifier is written.
///
/// A value type, so "copy the issuer" (section 4.8.3 step 5.4.1) is a plain assignment; the storage is shared until
/// one copy issues something new.
struct IdentifierIssuer {
    /// Blank node number to issued counter value.
    private var issued: [Int: Int] = [:]
    /// The blank nodes in the order identifiers were issued to them.
    private(set) var issuedOrder: [Int] = []

    /// The counter value issued to `node`, if any.
    @inline(__always)
    func identifier(for node: Int) -> Int? { issued[node] }

    /// Issue Identifier (section 4.5.2): the counter value for `node`, issuing the next one if it has none yet.
    @discardableResult
    mutating func issue(_ node: Int) -> Int {
        if let existing = issued[node] { return existing }
        let value = issuedOrder.count
        issued[node] = value
        issuedOrder.append(node)
        return value
    }

    /// Takes back the identifier issued last, so a depth-first search can try another branch with the same issuer.
    mutating func unissueLast() {
        guard let node = issuedOrder.popLast() else { return }
        issued[node] = nil
    }
}
