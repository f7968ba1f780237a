import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: TestCallStore {
    /// Migration: what a campaign is for — `campaign`, or `test_call` (an agent's test call, listed nowhere).
    var testCallVersion: [String] {
        ["ALTER TABLE campaigns ADD COLUMN purpose TEXT NOT NULL DEFAULT 'campaign'"]
    }

    public func createTestCall(
        orgId: Int64, agentId: Int64, settings: CampaignSettings, lead: NewLead, now: Date
    ) async throws -> Int64 {
        try settings.validate(numbers: WellFormedNumbers())
        // Created hidden with its lead in one transaction, then started: a crash in between leaves a hidden draft
        // that is never dialled.
        let id = try await transaction { db in
            let problems = try await poolProblems(
                db, orgId: orgId, pool: settings.numberPool, requireOwned: true)
            if let first = problems.first {
                throw CatalogError.invalid(field: "from", detail: "\(first.e164) \(first.reason)")
            }
            guard try await loadAgent(db, orgId: orgId, id: agentId) != nil else {
                throw CatalogError.notFound(kind: "agent", id: String(agentId))
            }
            let id = try await insertCampaign(db, orgId: orgId, agentId: agentId, settings: settings, now: now)
            try await db.raw("UPDATE campaigns SET purpose = 'test_call' WHERE id = \(bind: id)").run()
            guard let campaign = try await loadCampaign(db, id: id) else { throw StoreError.campaignNotFound(id) }
            _ = try await insertLeads(db, campaign: campaign, leads: [lead], now: now)
            try await recordAudit(
                db, orgId: orgId, action: "agent.test_call", target: ("agent", agentId),
                detail: ["to": lead.numbers.first ?? "", "from": settings.numberPool.first ?? "", "campaign": "\(id)"],
                now: now)
            return id
        }
        _ = try await apply(.start, campaignId: id, now: now)
        return id
    }

    public func isTestCall(orgId: Int64, campaignId: Int64) async throws -> Bool {
        try await read { db in
            try await db.raw(
                """
                SELECT 1 AS hit FROM campaigns WHERE id = \(bind: campaignId) AND org_id = \(bind: orgId)
                AND purpose = 'test_call'
                """
            ).first() != nil
        }
    }

    /// The condition that keeps test calls out of the organisation's lists, the agents' copy on write and the numbers'
    /// locks (true on a schema before them, which a test may hold).
    var listedCampaigns: String { hasTestCalls ? "purpose = 'campaign'" : "1 = 1" }

    private var hasTestCalls: Bool {
        guard let schemaLimit else { return true }
        return migrations.firstIndex(of: testCallVersion).map { schemaLimit > $0 } ?? false
    }
}
