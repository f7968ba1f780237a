/// One `;name=value` parameter of a URI or a header; `value` is nil for a flag such as `;lr` or `;rport`.
public struct SIPParameter: Equatable, Hashable, Sendable {
    /// The name as written.
    public var name: String
    /// The value as written (a quoted value keeps its quotes), or nil for a flag.
    public var value: String?

    /// A parameter; `value` nil writes a flag.
    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }
}
