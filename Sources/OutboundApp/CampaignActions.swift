import CampaignCore
import CampaignStore
import Foundation

/// The operator's actions on campaigns (create, edit, the lifecycle, clone, exclude), callable from the command
/// line and the HTTP API alike. Each action is one store transaction; an unknown campaign is an ``AppFailure``
/// naming it.
public struct CampaignActions: Sendable {
    private let store: any CampaignRepository

    /// Actions on the campaigns of `store`.
    public init(store: any CampaignRepository) { self.store = store }

    /// Creates a draft from validated `settings` in the organisation named `organization` (created when missing);
    /// its id.
    public func create(settings: CampaignSettings, organization: String, now: Date) async throws -> Int64 {
        let orgId = try await store.organization(named: organization, now: now)
        return try await store.createCampaign(orgId: orgId, settings: settings, now: now)
    }

    /// Replaces the settings of a draft or paused campaign (name and agent lock after the first run).
    public func edit(campaignId: Int64, settings: CampaignSettings, now: Date) async throws -> Campaign {
        try await store.updateSettings(campaignId: campaignId, settings: settings, now: now)
    }

    /// Applies a lifecycle action (start, pause, resume, cancel, restart); the campaign after it.
    public func apply(_ action: LifecycleAction, campaignId: Int64, now: Date) async throws -> Campaign {
        try await store.apply(action, campaignId: campaignId, now: now)
    }

    /// Copies a campaign's settings (and contacts) into a new draft; its id.
    public func clone(campaignId: Int64, withContacts: Bool, now: Date) async throws -> Int64 {
        _ = try await CampaignLookup.campaign(campaignId, in: store)
        return try await store.clone(campaignId: campaignId, withContacts: withContacts, now: now)
    }

    /// Excludes the campaign's contacts with `number` (E.164); how many.
    public func exclude(campaignId: Int64, number: String, now: Date) async throws -> Int {
        guard E164.isWellFormed(number) else { throw AppFailure("'\(number)' is not an E.164 number (+ and digits)") }
        _ = try await CampaignLookup.campaign(campaignId, in: store)
        return try await store.exclude(campaignId: campaignId, e164: number, now: now)
    }
}
