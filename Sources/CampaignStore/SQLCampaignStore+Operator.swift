import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// Excludes every lead of the campaign with this number (any of its numbers); with sticky exclusion on, the
    /// number stays excluded when it is added again. Returns how many leads were excluded now.
    public func exclude(campaignId: Int64, e164: String, now: Date) async throws -> Int {
        try await transaction { db in
            guard let campaign = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            let millis = Millis.from(now)
            if campaign.settings.stickyExclusion {
                try await db.raw(
                    """
                    INSERT INTO exclusions (org_id, campaign_id, e164, created_at)
                    VALUES (\(bind: campaign.orgId), \(bind: campaignId), \(bind: e164), \(bind: millis))
                    ON CONFLICT (campaign_id, e164) DO NOTHING
                    """
                ).run()
            }
            let rows = try await db.raw(
                """
                UPDATE leads SET status = 'excluded', updated_at = \(bind: millis)
                WHERE campaign_id = \(bind: campaignId) AND status <> 'excluded'
                AND (numbers = \(bind: e164) OR ('|' || numbers || '|') LIKE \(bind: "%|" + e164 + "|%"))
                RETURNING id
                """
            ).all()
            try await insertEvent(
                db, orgId: campaign.orgId, campaignId: campaignId, type: "campaign.lead.updated",
                payload: ["number": e164, "status": "excluded", "leads": "\(rows.count)"], now: now)
            try await recordAudit(
                db, orgId: campaign.orgId, action: "contacts.exclude", target: ("campaign", campaignId),
                detail: ["number": e164, "leads": "\(rows.count)"], now: now)
            return rows.count
        }
    }

    /// Adds a number to the organisation's opt-out list (no campaign of the organisation dials it again).
    public func addOptOut(orgId: Int64, e164: String, source: String, now: Date) async throws {
        try await transaction { db in
            try await db.raw(
                """
                INSERT INTO opt_outs (org_id, e164, source, created_at)
                VALUES (\(bind: orgId), \(bind: e164), \(bind: source), \(bind: Millis.from(now)))
                ON CONFLICT (org_id, e164) DO NOTHING
                """
            ).run()
        }
    }

    /// Replaces a campaign's settings. Allowed in draft and paused only; after the first run the name and the
    /// agent stay as they were (contacts are locked separately).
    public func updateSettings(campaignId: Int64, settings: CampaignSettings, now: Date) async throws -> Campaign {
        try await updateSettings(campaignId: campaignId, settings: settings, now: now, expecting: { _ in true })
    }

    public func updateSettings(
        campaignId: Int64, settings: CampaignSettings, now: Date, expecting: @Sendable (Campaign) -> Bool
    ) async throws -> Campaign {
        try await updateSettings(
            campaignId: campaignId, settings: settings, agentId: nil, now: now, expecting: expecting)
    }

    public func updateSettings(
        campaignId: Int64, settings: CampaignSettings, agentId: Int64?, now: Date,
        expecting: @Sendable (Campaign) -> Bool
    ) async throws -> Campaign {
        // The store has no phone metadata: callers check numbering plans (App.numberValidator) before this.
        try settings.validate(numbers: WellFormedNumbers())
        return try await transaction { db in
            guard let campaign = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            guard expecting(campaign) else { throw StoreError.changedSince(campaignId: campaignId) }
            guard campaign.status.allowsEditing else {
                throw StoreError.notEditable(campaignId: campaignId, status: campaign.status.rawValue)
            }
            if campaign.hasRun {
                if settings.name != campaign.settings.name {
                    throw StoreError.locked(campaignId: campaignId, what: "name")
                }
                if settings.agent != campaign.settings.agent || (agentId.map { $0 != campaign.agentId } ?? false) {
                    throw StoreError.locked(campaignId: campaignId, what: "agent")
                }
            }
            if let agentId, agentId != campaign.agentId {
                guard try await loadAgent(db, orgId: campaign.orgId, id: agentId) != nil else {
                    throw CatalogError.invalid(field: "agentId", detail: "agent \(agentId) not found")
                }
                try await db.raw("UPDATE campaigns SET agent_id = \(bind: agentId) WHERE id = \(bind: campaignId)")
                    .run()
            }
            try await insertNumbers(db, orgId: campaign.orgId, numbers: settings.numberPool, outbound: true, now: now)
            let json = String(decoding: settings.jsonData(), as: UTF8.self)
            try await db.raw(
                """
                UPDATE campaigns SET settings = \(bind: json), name = \(bind: settings.name),
                updated_at = \(bind: Millis.from(now)) WHERE id = \(bind: campaignId)
                """
            ).run()
            if agentId == nil && !campaign.hasRun && settings.agent != campaign.settings.agent {
                try await updateAgent(db, campaign: campaign, profile: settings.agent, now: now)
            }
            try await recordAudit(
                db, orgId: campaign.orgId, action: "campaign.edit", target: ("campaign", campaignId),
                detail: ["changed": campaign.settings.changedKeys(to: settings).joined(separator: ",")],
                now: now)
            guard let updated = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            return updated
        }
    }

    /// Sets (or clears, with nil) the organisation-wide cap on live calls across all its campaigns.
    public func setConcurrencyCap(orgId: Int64, cap: Int?) async throws {
        try await transaction { db in
            try await db.raw("UPDATE organizations SET concurrency_cap = \(bind: cap) WHERE id = \(bind: orgId)").run()
        }
    }

    /// Creates (or updates, by name) a carrier with its calls-per-second limit and assigns numbers to it.
    public func upsertCarrier(
        orgId: Int64, name: String, kind: CarrierKind, callsPerSecond: Int?,
        numbers: [String], now: Date
    ) async throws -> Int64 {
        try await transaction { db in
            try await db.raw(
                """
                INSERT INTO carriers (org_id, name, kind, calls_per_second, created_at)
                VALUES (\(bind: orgId), \(bind: name), \(bind: kind.rawValue), \(bind: callsPerSecond),
                \(bind: Millis.from(now)))
                ON CONFLICT (org_id, name) DO UPDATE SET kind = excluded.kind,
                calls_per_second = excluded.calls_per_second
                """
            ).run()
            let id =
                try await db.raw("SELECT id FROM carriers WHERE org_id = \(bind: orgId) AND name = \(bind: name)")
                .first()?.decode(column: "id", as: Int64.self) ?? 0
            try await insertNumbers(db, orgId: orgId, numbers: numbers, outbound: true, now: now)
            if !numbers.isEmpty {
                try await db.raw(
                    """
                    UPDATE phone_numbers SET carrier_id = \(bind: id) WHERE org_id = \(bind: orgId)
                    AND e164 IN (\(binds: numbers))
                    """
                ).run()
            }
            return id
        }
    }
}
