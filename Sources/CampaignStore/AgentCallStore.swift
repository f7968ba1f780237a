import CampaignCore
import Foundation

/// What the store knows of a call the `sip` provider is about to place: the call row's ids and numbers, the
/// carrier of its caller ID and that carrier's password (kept to answer digest challenges).
public struct AgentCallRow: Sendable, Equatable {
    /// The call.
    public var callId: Int64
    /// Its organisation.
    public var orgId: Int64
    /// Its campaign.
    public var campaignId: Int64
    /// Its lead (the contact).
    public var leadId: Int64
    /// The carrier that owns the caller ID, when one does.
    public var carrierId: Int64?
    /// The call's state (`ended` once final).
    public var state: CallState
    /// Destination, E.164.
    public var to: String
    /// Caller ID, E.164.
    public var from: String

    /// A row.
    public init(
        callId: Int64, orgId: Int64, campaignId: Int64, leadId: Int64, carrierId: Int64?, state: CallState,
        to: String, from: String
    ) {
        self.callId = callId
        self.orgId = orgId
        self.campaignId = campaignId
        self.leadId = leadId
        self.carrierId = carrierId
        self.state = state
        self.to = to
        self.from = from
    }
}

/// What an agent reported for a call (`POST /v1/calls/{callId}/result`, SPEC §12).
public struct AgentReport: Sendable, Equatable {
    /// The disposition, upper-case (nil: none).
    public var disposition: String?
    /// Conversation turns.
    public var turns: Int
    /// The transcript, one line per turn (`agent: …` / `callee: …`).
    public var transcript: String
    /// When a `CALLBACK` asks to be called again.
    public var callbackAt: Date?

    /// A report.
    public init(disposition: String?, turns: Int, transcript: String, callbackAt: Date?) {
        self.disposition = disposition
        self.turns = turns
        self.transcript = transcript
        self.callbackAt = callbackAt
    }
}

/// What storing a report did.
public enum AgentReportRecording: Sendable, Equatable {
    /// Stored: the call waits no longer for it.
    case recorded
    /// The same report was stored before (a retry): nothing changed.
    case repeated
    /// A different report was stored before: the first one stands.
    case conflicting
    /// The call is already final (ended, its result recorded without the report): too late.
    case tooLate
    /// No call of that id was given a token.
    case unknownCall
}

/// The calls bridged to an agent: their per-call tokens and the agents' reports. Any process on the database can
/// take a report; the process holding the call reads it from here.
public protocol AgentCallStore: Sendable {
    /// The call row a `sip` call is placed from; nil when there is no such call.
    func agentCallRow(callId: Int64) async throws -> AgentCallRow?
    /// The kind of the carrier a call is placed through; nil when its caller ID has no carrier.
    func carrierKind(callId: Int64) async throws -> CarrierKind?
    /// The password of a carrier (digest authentication); nil when it has none.
    func carrierPassword(orgId: Int64, carrierId: Int64) async throws -> String?
    /// Keeps the hash of the call's agent token (given to the agent in `start.customParameters`); a second call for
    /// the same call replaces it (a redial of the same row never happens, a retry is a new call).
    func issueAgentToken(callId: Int64, orgId: Int64, tokenHash: String, now: Date) async throws
    /// The hash of the call's token, if one was issued.
    func agentTokenHash(callId: Int64) async throws -> String?
    /// Stores the agent's report unless the call is already final or has one.
    func recordAgentReport(callId: Int64, _ report: AgentReport, now: Date) async throws -> AgentReportRecording
    /// The agent's report of the call, once stored.
    func agentReport(callId: Int64) async throws -> AgentReport?
    /// The transcripts the agents reported for these calls of the organisation (calls without one are absent).
    func transcripts(orgId: Int64, callIds: [Int64]) async throws -> [Int64: String]
}
