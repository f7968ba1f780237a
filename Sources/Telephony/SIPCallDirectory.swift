import CampaignCore
import Dialer
import Foundation

/// Everything the `sip` provider needs to place one call beyond the engine's ``Dialer/DialRequest``: the trunk of the
/// carrier that owns the caller ID, and the agent the answered call is bridged to.
public struct SIPCallPlan: Sendable, Equatable {
    /// The carrier's trunk.
    public var trunk: SIPTrunk
    /// The agent's stream; nil when the call has no agent to reach (it is hung up once answered).
    public var agent: AgentStreamPlan?

    /// A plan.
    public init(trunk: SIPTrunk, agent: AgentStreamPlan?) {
        self.trunk = trunk
        self.agent = agent
    }
}

/// How an answered call reaches its agent (SPEC §12's agent protocol).
public struct AgentStreamPlan: Sendable, Equatable {
    /// The agent's WebSocket (`ws` or `wss`), speaking the Twilio Media Streams format.
    public var streamURL: URL
    /// `start.customParameters`, every entry of SPEC §12 except `answeredBy`, which the provider adds once machine
    /// detection has decided.
    public var customParameters: [String: String]
    /// What a `machine` answer does: hang up without a stream, or start it so the agent leaves the message.
    public var voicemailAction: VoicemailAction
    /// How long after the call's end the agent's result is waited for before the call is final without it.
    public var resultGrace: TimeInterval

    /// A stream plan.
    public init(
        streamURL: URL, customParameters: [String: String], voicemailAction: VoicemailAction,
        resultGrace: TimeInterval = 30
    ) {
        self.streamURL = streamURL
        self.customParameters = customParameters
        self.voicemailAction = voicemailAction
        self.resultGrace = resultGrace
    }
}

/// What the agent reported for a call (`POST /v1/calls/{callId}/result`).
public struct AgentCallResult: Sendable, Equatable {
    /// The disposition, upper-case.
    public var disposition: String?
    /// Conversation turns.
    public var turns: Int
    /// When a `CALLBACK` asks to be called again.
    public var callbackAt: Date?

    /// A result.
    public init(disposition: String?, turns: Int, callbackAt: Date?) {
        self.disposition = disposition
        self.turns = turns
        self.callbackAt = callbackAt
    }
}

/// The application's answers to the `sip` provider: the plan of a call about to be placed, and the agent's result of
/// a call that has ended. Results may be posted to any process on the database, so they are read from the store.
public protocol SIPCallDirectory: Sendable {
    /// The trunk and agent of a call about to be placed; throws when the call cannot be placed (no `sip` carrier owns
    /// the caller ID, its agent has no stream URL …): the provider then fails the call.
    func plan(for request: DialRequest) async throws -> SIPCallPlan
    /// The agent's result for the call, once reported; nil until then.
    func agentResult(callId: Int64) async throws -> AgentCallResult?
}
