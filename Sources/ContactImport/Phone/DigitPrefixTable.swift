/// Digit strings mapped to small numbers, answering "which key is the longest prefix of these
/// digits" in one pass without hashing: a trie stored as one array with ten child slots a node.
///
/// The time-zone map is looked up for every contact, longest prefix first; as a dictionary
/// that took one hash per candidate length (up to nine for a NANP number).
struct DigitPrefixTable: Sendable {
    /// `children[node * 10 + digit]`: the child node, or 0 (the root is nobody's child).
    private var children = [Int32](repeating: 0, count: 10)
    /// The value of the key that ends at each node, or -1.
    private var values: [Int32] = [-1]

    /// An empty table.
    init() {}

    /// Maps the ASCII digits `key` to `value` (at least 0).
    mutating func insert(_ key: some Sequence<UInt8>, value: Int) {
        var node = 0
        for byte in key {
            let slot = node * 10 + Int(byte &- 48)
            if children[slot] == 0 {
                children[slot] = Int32(values.count)
                values.append(-1)
                children.append(contentsOf: repeatElement(0, count: 10))
            }
            node = Int(children[slot])
        }
        values[node] = Int32(value)
    }

    /// The value of the longest key of at least `minimumLength` digits that starts `digits`.
    func longestPrefixValue(_ digits: some Sequence<UInt8>, minimumLength: Int = 1) -> Int? {
        var node = 0
        var length = 0
        var found: Int32 = -1
        for byte in digits {
            let digit = Int(byte &- 48)
            guard digit >= 0 && digit <= 9 else { break }
            node = Int(children[node * 10 + digit])
            if node == 0 { break }
            length += 1
            if length >= minimumLength && values[node] >= 0 { found = values[node] }
        }
        return found >= 0 ? Int(found) : nil
    }
}
