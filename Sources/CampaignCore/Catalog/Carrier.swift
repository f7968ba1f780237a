/// A carrier as stored: everything but its password, of which only its presence is known.
public struct Carrier: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// The carrier's settings (`password` always nil here).
    public var settings: CarrierDraft
    /// Whether a password is stored.
    public var hasPassword: Bool

    /// Creates a carrier value.
    public init(id: Int64, orgId: Int64, settings: CarrierDraft, hasPassword: Bool) {
        self.id = id
        self.orgId = orgId
        self.settings = settings
        self.settings.password = nil
        self.hasPassword = hasPassword
    }
}
