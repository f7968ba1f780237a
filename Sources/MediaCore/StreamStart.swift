/// What the agent is told about its stream in the `start` message: the identifiers it echoes back and the
/// per-call `customParameters` (SPEC §12: `callId`, `campaignId`, `contactId`, `to`, `from`, `answeredBy`,
/// `token`, `greeting`, `prompt`, `voicemailMessage` and one entry per contact variable). The media format is
/// always μ-law 8 kHz mono and the only track is `inbound`. There is no `accountSid`: we have no account.
public struct StreamStart: Equatable, Sendable {
    /// The stream's identifier; every message in both directions carries it.
    public var streamSid: String
    /// The call's identifier as the agent sees it.
    public var callSid: String
    /// The flat string map handed to the agent.
    public var customParameters: [String: String]

    /// A stream description from its fields.
    public init(streamSid: String, callSid: String, customParameters: [String: String]) {
        self.streamSid = streamSid
        self.callSid = callSid
        self.customParameters = customParameters
    }
}
