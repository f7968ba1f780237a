import CampaignCore
import Foundation

/// Everything the engine, the importer and the CLI need from the database. Every time is passed in ("now"),
/// so the store never reads a clock. Implementations must make `lease` safe across processes and nodes.
public protocol CampaignStore: Sendable {
    /// Creates or upgrades the schema.
    func migrate() async throws

    /// Creates an organisation.
    func createOrganization(name: String, now: Date) async throws -> Int64
    /// The id of the organisation with this name, or nil.
    func existingOrganization(named name: String) async throws -> Int64?
    /// The id of the organisation with this name, created when there is none.
    func organization(named name: String, now: Date) async throws -> Int64
    /// Creates an agent in an organisation.
    func createAgent(orgId: Int64, profile: AgentProfile, now: Date) async throws -> Int64
    /// Registers numbers the organisation owns (existing ones are kept).
    func addNumbers(orgId: Int64, numbers: [String], outbound: Bool, now: Date) async throws
    /// Creates a draft campaign from validated settings; its pool numbers are registered as outbound numbers unless
    /// the organisation has them already (an inbound-only number stays inbound-only).
    func createCampaign(orgId: Int64, agentId: Int64, settings: CampaignSettings, now: Date) async throws -> Int64
    /// Creates the campaign's agent (from its settings), its pool numbers and the draft in one transaction.
    func createCampaign(orgId: Int64, settings: CampaignSettings, now: Date) async throws -> Int64
    /// Marks an owned number as able to place calls or inbound-only (registering it when new).
    func setNumberOutbound(orgId: Int64, e164: String, outbound: Bool, now: Date) async throws
    /// The numbers the organisation owns.
    func ownedNumbers(orgId: Int64) async throws -> [OwnedNumber]
    /// The campaign, or nil.
    func campaign(id: Int64) async throws -> Campaign?
    /// The agent, or nil.
    func agent(id: Int64) async throws -> Agent?
    /// Adds contacts to a campaign in list order; returns how many were added.
    func addLeads(campaignId: Int64, leads: [NewLead], now: Date) async throws -> Int
    /// Applies a lifecycle action in one transaction (restart resets leads) and returns the campaign after it.
    func apply(_ action: LifecycleAction, campaignId: Int64, now: Date) async throws -> Campaign
    /// Copies a campaign's settings and agent (and optionally its contacts) into a new draft with an agent of its
    /// own; returns the new id.
    func clone(campaignId: Int64, withContacts: Bool, now: Date) async throws -> Int64

    /// Moves waiting leads whose time has come to pending; returns how many moved.
    func promoteDueLeads(campaignId: Int64, now: Date) async throws -> Int
    /// The distinct dial keys of a campaign's leads (``DialKey``: zones joined by `|`, then `#` and the rule key).
    func zoneKeys(campaignId: Int64) async throws -> [String]
    /// How many pending leads one dial key has (for counting the leads a rule holds back).
    func pendingLeadCount(campaignId: Int64, zoneKey: String) async throws -> Int
    /// The earliest `nextAt` among waiting leads.
    func earliestWaiting(campaignId: Int64) async throws -> Date?
    /// Finishes the pending and waiting leads of one dial key as failed (never callable there), with a reason and
    /// the compliance rule to blame, if one is.
    func failLeads(
        campaignId: Int64, zoneKey: String, reason: String, blockedBy: String?, now: Date
    ) async throws -> Int
    /// Leases due attempts, never more than the campaign's free slots: records the intent to dial (call rows with lease owner and expiry) before any dial.
    func lease(_ request: LeaseRequest) async throws -> LeaseBatch
    /// Records an ended call and the lead's next step in one transaction, fenced by the lease owner.
    func recordEnded(callId: Int64, owner: String, result: CallResult, now: Date) async throws -> RecordOutcome
    /// Records many ended calls of one owner in one transaction; calls whose lease was lost map to `.leaseLost`.
    func recordEnded(_ calls: [EndedCall], owner: String, now: Date) async throws -> [Int64: RecordOutcome]
    /// Live calls whose lease lapsed before `now`.
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
    /// Lead counts by status.
    func leadCounts(campaignId: Int64) async throws -> LeadCounts
    /// Whether any lead may still be dialled or is live.
    func hasOpenLeads(campaignId: Int64) async throws -> Bool
    /// Calls of the current run by outcome and disposition.
    func callSummary(campaignId: Int64) async throws -> CallSummary
    /// Every call, oldest first, optionally of one campaign.
    func calls(campaignId: Int64?) async throws -> [CallRecord]
    /// Whether the organisation's opt-out list holds the number.
    func isOptedOut(orgId: Int64, e164: String) async throws -> Bool

    /// When the campaign last started running from the beginning (first start or restart).
    func runStartedAt(campaignId: Int64) async throws -> Date?

    /// Opens the next breadth-first pass when the current one is done (sweep strategy); returns the open pass.
    func advanceSweep(campaignId: Int64, now: Date) async throws -> Int
    /// Excludes the campaign's leads with this number (sticky when the campaign says so); returns how many.
    func exclude(campaignId: Int64, e164: String, now: Date) async throws -> Int
    /// Adds a number to the organisation's opt-out list.
    func addOptOut(orgId: Int64, e164: String, source: String, now: Date) async throws
    /// Replaces the settings of a draft or paused campaign (name and agent locked after the first run).
    func updateSettings(campaignId: Int64, settings: CampaignSettings, now: Date) async throws -> Campaign
    /// Sets or clears the organisation-wide cap on live calls.
    func setConcurrencyCap(orgId: Int64, cap: Int?) async throws
    /// Creates or updates a carrier by name, with its calls-per-second limit, and assigns numbers to it.
    func upsertCarrier(
        orgId: Int64, name: String, kind: Carrier.Kind, callsPerSecond: Int?, numbers: [String],
        now: Date
    ) async throws -> Int64

    /// The saved virtual time of a campaign's simulation, if any.
    func simulationClock(campaignId: Int64) async throws -> Date?
    /// Saves the virtual time of a campaign's simulation.
    func saveSimulationClock(campaignId: Int64, now: Date) async throws
    /// Closes the connection.
    func close() async throws
}
