import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func apply(_ action: LifecycleAction, campaignId: Int64, now: Date) async throws -> Campaign {
        try await transaction { db in
            guard let campaign = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            let context = try await lifecycleContext(db, campaign: campaign)
            let transition: LifecycleTransition
            switch Lifecycle.transition(from: campaign.status, action: action, context: context, now: now) {
            case .success(let value): transition = value
            case .failure(let error):
                throw StoreError.illegalTransition(campaignId: campaignId, reason: error.description)
            }
            let millis = Millis.from(now)
            if transition.resetsLeads {
                let live = try await countLive(db, campaignId: campaignId)
                if live > 0 {
                    throw StoreError.illegalTransition(
                        campaignId: campaignId,
                        reason: "cannot restart while \(live) call(s) are still live; wait for them to end")
                }
                try await db.raw(
                    """
                    UPDATE leads SET status = 'pending', attempts = 0, pass = 1, number_index = 0, stopped = '',
                    callbacks = 0, priority = 0, next_at = 0,
                    last_outcome = NULL, last_disposition = NULL, updated_at = \(bind: millis)
                    WHERE campaign_id = \(bind: campaignId) AND status <> 'excluded'
                    """
                ).run()
                try await db.raw("DELETE FROM simulation_clocks WHERE campaign_id = \(bind: campaignId)").run()
            }
            let startsRun = transition.to == .running && (!campaign.hasRun || transition.resetsLeads)
            try await db.raw(
                """
                UPDATE campaigns SET status = \(bind: transition.to.rawValue),
                has_run = \(bind: (campaign.hasRun || transition.marksFirstRun) ? 1 : 0),
                generation = generation + \(bind: transition.resetsLeads ? 1 : 0),
                sweep_pass = CASE WHEN \(bind: transition.resetsLeads ? 1 : 0) = 1 THEN 1 ELSE sweep_pass END,
                run_started_at = CASE WHEN \(bind: startsRun ? 1 : 0) = 1 THEN \(bind: millis) ELSE run_started_at END,
                updated_at = \(bind: millis)
                WHERE id = \(bind: campaignId)
                """
            ).run()
            if transition.resetsLeads { try await carryExcludedDispositions(db, campaignId: campaignId) }
            try await insertEvent(
                db, orgId: campaign.orgId, campaignId: campaignId, type: "campaign.status.changed",
                payload: ["from": campaign.status.rawValue, "to": transition.to.rawValue, "action": action.rawValue],
                now: now)
            try await recordAudit(
                db, orgId: campaign.orgId, action: "campaign.\(action.rawValue)", target: ("campaign", campaignId),
                detail: ["from": campaign.status.rawValue, "to": transition.to.rawValue], now: now)
            guard let updated = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            return updated
        }
    }

    /// When the campaign last started running from the beginning (first start or restart).
    public func runStartedAt(campaignId: Int64) async throws -> Date? {
        try await read { db in
            let row = try await db.raw("SELECT run_started_at FROM campaigns WHERE id = \(bind: campaignId)").first()
            return Millis.optionalDate(try row?.decode(column: "run_started_at", as: Int64?.self))
        }
    }

    func lifecycleContext(_ db: any SQLDatabase, campaign: Campaign) async throws -> LifecycleContext {
        let contacts =
            try await db.raw(
                "SELECT COUNT(*) AS n FROM leads WHERE campaign_id = \(bind: campaign.id)"
                    + visibleOnly(campaignId: campaign.id)
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        let pool = campaign.settings.numberPool
        let outbound = try await outboundPool(db, orgId: campaign.orgId, pool: pool)
        let hasAgent =
            try await db.raw(
                """
                SELECT id FROM agents WHERE id = \(bind: campaign.agentId) AND org_id = \(bind: campaign.orgId)
                """
            ).first() != nil
        return LifecycleContext(
            startAt: campaign.settings.startAt, mode: campaign.settings.mode, hasAgent: hasAgent,
            outboundNumbers: outbound.count, contacts: contacts,
            unusableNumbers: pool.filter { !outbound.contains($0) })
    }

    func countLive(_ db: any SQLDatabase, campaignId: Int64) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM calls WHERE campaign_id = \(bind: campaignId) AND state = 'live'")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func insertEvent(
        _ db: any SQLDatabase, orgId: Int64, campaignId: Int64?, type: String,
        payload: [String: String], now: Date
    ) async throws {
        try await db.raw(
            """
            INSERT INTO events (org_id, campaign_id, type, payload, created_at)
            VALUES (\(bind: orgId), \(bind: campaignId), \(bind: type), \(bind: Self.encodeVariables(payload)),
            \(bind: Millis.from(now)))
            """
        ).run()
    }
}
