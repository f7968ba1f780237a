import CampaignCore
import Foundation

/// What the dialler (``CampaignRunner``) and the lease reaper need: promoting and leasing due leads, recording
/// ended calls fenced by call id and state, renewing the leases of long calls, taking over lapsed leases. Implementations must make ``lease(_:)`` safe
/// across processes and nodes; "now" is always passed in.
public protocol DiallerStore: Sendable {
    /// The ids of every campaign of the database that a runner should run (running or scheduled), in id order,
    /// whatever its organisation: the campaign scheduler runs them all.
    func runnableCampaignIds() async throws -> [Int64]
    /// The campaign, or nil.
    func campaign(id: Int64) async throws -> Campaign?
    /// Applies a lifecycle action in one transaction (the runner completes or pauses its campaign with it) and
    /// returns the campaign after it.
    func apply(_ action: LifecycleAction, campaignId: Int64, now: Date) async throws -> Campaign
    /// Lead counts by status.
    func leadCounts(campaignId: Int64) async throws -> LeadCounts
    /// When the campaign last started running from the beginning (first start or restart).
    func runStartedAt(campaignId: Int64) async throws -> Date?
    /// Opens the next breadth-first pass when the current one is done (sweep strategy); returns the open pass.
    func advanceSweep(campaignId: Int64, now: Date) async throws -> Int
    /// Moves waiting leads whose time has come to pending; returns how many moved.
    func promoteDueLeads(campaignId: Int64, now: Date) async throws -> Int
    /// The distinct dial keys of a campaign's leads (``DialKey``: zones joined by `|`, then `#` and the rule key).
    func zoneKeys(campaignId: Int64) async throws -> [String]
    /// How many pending leads one dial key has (for counting the leads a rule holds back).
    func pendingLeadCount(campaignId: Int64, zoneKey: String) async throws -> Int
    /// The earliest `nextAt` among waiting leads.
    func earliestWaiting(campaignId: Int64) async throws -> Date?
    /// What the organisation is exempted from (an admin's exemption from the quiet hours; never the caps).
    func complianceExemptions(orgId: Int64) async throws -> ComplianceExemptions
    /// Finishes the pending and waiting leads of one dial key as failed (never callable there), with a reason and
    /// the compliance rule to blame, if one is.
    func failLeads(
        campaignId: Int64, zoneKey: String, reason: String, blockedBy: String?, now: Date
    ) async throws -> Int
    /// Whether any lead may still be dialled or is live.
    func hasOpenLeads(campaignId: Int64) async throws -> Bool
    /// Leases due attempts, never more than the campaign's free slots: records the intent to dial (call rows with
    /// lease owner and expiry) before any dial.
    func lease(_ request: LeaseRequest) async throws -> LeaseBatch
    /// Records ended calls and their leads' next steps in one transaction, fenced by call id and state
    /// (`state <> 'ended'`), not by lease owner: whichever node or store instance records a call's end first wins,
    /// every later end of it maps to `.alreadyEnded` and changes nothing.
    func recordEnded(_ calls: [EndedCall], now: Date) async throws -> [Int64: RecordOutcome]
    /// Records live calls' progress (state, provider reference, answer) fenced the same way, and only forward
    /// (a late `ringing` after `answered` changes nothing); returns the calls whose row moved.
    func recordProgress(_ updates: [CallProgress], now: Date) async throws -> Set<Int64>
    /// Extends the leases `owner` holds on these live calls until `until`; returns the calls renewed (a call taken
    /// over or ended meanwhile is not).
    func renewLeases(callIds: [Int64], owner: String, until: Date, now: Date) async throws -> Set<Int64>
    /// How far a call got, or nil for an unknown id.
    func callState(callId: Int64) async throws -> CallState?
    /// Live calls whose lease lapsed before `now`, of one campaign or (nil) of every campaign.
    func expiredLeases(now: Date, campaignId: Int64?) async throws -> [LeasedAttempt]
    /// Live calls of the campaign held by `owner` (a restarted worker with a stable id finds its own calls).
    func liveAttempts(campaignId: Int64, owner: String) async throws -> [LeasedAttempt]
    /// Takes over a lapsed lease; false when someone else did or the call ended meanwhile.
    func takeOver(
        callId: Int64, from oldOwner: String, to newOwner: String, now: Date, until: Date
    ) async throws
        -> Bool
    /// Calls of the campaign that are leased or live, whoever holds them.
    func liveCallCount(campaignId: Int64) async throws -> Int
    /// The earliest lease expiry among live calls of the campaign not held by `owner`.
    func earliestForeignLeaseExpiry(campaignId: Int64, owner: String) async throws -> Date?
}

extension DiallerStore {
    /// Records one ended call (see ``recordEnded(_:now:)``).
    public func recordEnded(callId: Int64, result: CallResult, now: Date) async throws -> RecordOutcome {
        try await recordEnded([EndedCall(callId: callId, result: result)], now: now)[callId] ?? .alreadyEnded
    }

    /// Records one ended call for a worker. The worker is not a fence: recording is fenced by call id and state.
    public func recordEnded(callId: Int64, owner: String, result: CallResult, now: Date) async throws -> RecordOutcome {
        try await recordEnded(callId: callId, result: result, now: now)
    }

    /// Records ended calls for a worker. The worker is not a fence: recording is fenced by call id and state.
    public func recordEnded(_ calls: [EndedCall], owner: String, now: Date) async throws -> [Int64: RecordOutcome] {
        try await recordEnded(calls, now: now)
    }
}
