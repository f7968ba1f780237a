import CampaignCore
import Foundation

/// What the operator's commands need: organisations, agents, campaigns and their lifecycle, clones, numbers,
/// carriers, limits and exclusions. Every query is scoped by organisation; "now" is passed in.
public protocol CampaignRepository: Sendable {
    /// Creates an organisation.
    func createOrganization(name: String, now: Date) async throws -> Int64
    /// The id of the organisation with this name, or nil.
    func existingOrganization(named name: String) async throws -> Int64?
    /// The id of the organisation with this name, created when there is none.
    func organization(named name: String, now: Date) async throws -> Int64
    /// Creates an agent in an organisation.
    func createAgent(orgId: Int64, profile: AgentProfile, now: Date) async throws -> Int64
    /// Creates a draft campaign from validated settings; its pool numbers are registered as outbound numbers unless
    /// the organisation has them already (an inbound-only number stays inbound-only).
    func createCampaign(orgId: Int64, agentId: Int64, settings: CampaignSettings, now: Date) async throws -> Int64
    /// Creates the campaign's agent (from its settings), its pool numbers and the draft in one transaction.
    func createCampaign(orgId: Int64, settings: CampaignSettings, now: Date) async throws -> Int64
    /// Marks an owned number as able to place calls or inbound-only (registering it when new).
    func setNumberOutbound(orgId: Int64, e164: String, outbound: Bool, now: Date) async throws
    /// The campaign, or nil.
    func campaign(id: Int64) async throws -> Campaign?
    /// Adds contacts to a campaign in list order; returns how many were added.
    func addLeads(campaignId: Int64, leads: [NewLead], now: Date) async throws -> Int
    /// Applies a lifecycle action in one transaction (restart resets leads) and returns the campaign after it.
    func apply(_ action: LifecycleAction, campaignId: Int64, now: Date) async throws -> Campaign
    /// Copies a campaign's settings and agent (and optionally its contacts) into a new draft with an agent of its
    /// own; returns the new id.
    func clone(campaignId: Int64, withContacts: Bool, now: Date) async throws -> Int64
    /// Replaces the settings of a draft or paused campaign (name and agent locked after the first run).
    func updateSettings(campaignId: Int64, settings: CampaignSettings, now: Date) async throws -> Campaign
    /// The same, only when `expecting` holds for the campaign as the edit's transaction reads it (an ETag check that
    /// no concurrent edit can slip past); throws ``StoreError/changedSince(campaignId:)`` when it does not.
    func updateSettings(
        campaignId: Int64, settings: CampaignSettings, now: Date, expecting: @Sendable (Campaign) -> Bool
    ) async throws -> Campaign
    /// The same, with the campaign now using the organisation's agent `agentId` (whose texts `settings` carries)
    /// when given: a draft may switch agents; a campaign that has run keeps its own.
    func updateSettings(
        campaignId: Int64, settings: CampaignSettings, agentId: Int64?, now: Date,
        expecting: @Sendable (Campaign) -> Bool
    ) async throws -> Campaign
    /// Excludes the campaign's leads with this number (sticky when the campaign says so); returns how many.
    func exclude(campaignId: Int64, e164: String, now: Date) async throws -> Int
    /// Sets or clears the organisation-wide cap on live calls.
    func setConcurrencyCap(orgId: Int64, cap: Int?) async throws
    /// Creates or updates a carrier by name, with its calls-per-second limit, and assigns numbers to it.
    func upsertCarrier(
        orgId: Int64, name: String, kind: CarrierKind, callsPerSecond: Int?, numbers: [String],
        now: Date
    ) async throws -> Int64
}
