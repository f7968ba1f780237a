/// A voice agent (bot) of an organisation: the catalog entry campaigns name.
public struct Agent: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// Texts and callback switch.
    public var profile: AgentProfile
    /// The WebSocket URL the agent is reached at (`ws://` or `wss://`); nil when not set.
    public var streamUrl: String?

    /// Creates an agent value.
    public init(id: Int64, orgId: Int64, profile: AgentProfile, streamUrl: String? = nil) {
        self.id = id
        self.orgId = orgId
        self.profile = profile
        self.streamUrl = streamUrl
    }

    /// The `{{VARIABLES}}` its greeting, prompt and voicemail message use, in order of first use.
    public var variables: [String] {
        Template.variables(in: [profile.greeting, profile.prompt, profile.voicemailMessage])
    }
}
