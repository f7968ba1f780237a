/// A phone number (DID) an organisation owns.
public struct OwnedNumber: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// E.164.
    public var e164: String
    /// Operator label.
    public var label: String
    /// Whether the number can place calls (inbound-only numbers cannot).
    public var outbound: Bool
    /// The carrier its calls leave through; nil for the organisation's default.
    public var carrierId: Int64?

    /// Creates a number value.
    public init(id: Int64, orgId: Int64, e164: String, label: String, outbound: Bool, carrierId: Int64? = nil) {
        self.id = id
        self.orgId = orgId
        self.e164 = e164
        self.label = label
        self.outbound = outbound
        self.carrierId = carrierId
    }
}
