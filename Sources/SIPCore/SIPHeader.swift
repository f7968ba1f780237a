/// One header line: the name as written and its value with line folding undone.
public struct SIPHeader: Equatable, Hashable, Sendable {
    /// The name as written (`Via`, `v`, `CALL-ID`).
    public let name: String
    /// The value, trimmed, folded lines joined with one space.
    public var value: String
    /// The lower-case long form of the name, so `v`, `VIA` and `Via` compare equal (computed once).
    public let key: String

    /// A header line.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
        self.key = SIPHeaders.canonicalKey(name)
    }
}
