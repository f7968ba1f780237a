/// A voice agent (bot) of an organisation.
public struct Agent: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// Texts and callback switch.
    public var profile: AgentProfile

    /// Creates an agent value.
    public init(id: Int64, orgId: Int64, profile: AgentProfile) {
        self.id = id
        self.orgId = orgId
        self.profile = profile
    }
}
