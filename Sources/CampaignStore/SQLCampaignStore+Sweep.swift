import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// Breadth-first passes: once no lead of the open pass can still be dialled in it (callbacks aside), the next
    /// pass opens and its leads wait the retry delay from now. Returns the pass that is open afterwards.
    public func advanceSweep(campaignId: Int64, now: Date) async throws -> Int {
        try await transaction { db in
            guard let campaign = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            let current =
                try await db.raw("SELECT sweep_pass FROM campaigns WHERE id = \(bind: campaignId)").first()?
                .decode(column: "sweep_pass", as: Int.self) ?? 1
            guard campaign.settings.retry.numberStrategy == .sweep else { return current }
            // Pending leads are found through the queue index (campaign, priority, pass), the others through
            // the index of waiting and in-progress leads by pass.
            let pendingInPass = try await db.raw(
                """
                SELECT 1 AS hit FROM leads WHERE campaign_id = \(bind: campaignId) AND status = 'pending'
                AND priority = 0 AND pass <= \(bind: current) LIMIT 1
                """
            ).first()
            guard pendingInPass == nil else { return current }
            let retryingInPass = try await db.raw(
                """
                SELECT 1 AS hit FROM leads WHERE campaign_id = \(bind: campaignId) AND pass <= \(bind: current)
                AND status IN ('waiting', 'in_progress') AND priority = 0 LIMIT 1
                """
            ).first()
            guard retryingInPass == nil else { return current }
            let next = current + 1
            if try await !hasPendingLeads(db, campaignId: campaignId, pass: next) {
                let waiting = try await db.raw(
                    """
                    SELECT 1 AS hit FROM leads WHERE campaign_id = \(bind: campaignId) AND status = 'waiting'
                    AND pass = \(bind: next) LIMIT 1
                    """
                ).first()
                guard waiting != nil else { return current }
            }
            let opensAt = Millis.from(now.addingTimeInterval(Double(campaign.settings.retry.delayMinutes) * 60))
            // One statement per status, written as a literal so that each can use its partial index.
            for status in [LeadStatus.pending, .waiting] {
                try await db.raw(
                    """
                    UPDATE leads SET status = 'waiting',
                    next_at = CASE WHEN next_at > \(bind: opensAt) THEN next_at ELSE \(bind: opensAt) END
                    WHERE campaign_id = \(bind: campaignId) AND status = \(unsafeRaw: "'\(status.rawValue)'")
                    AND priority = 0 AND pass = \(bind: next)
                    """
                ).run()
            }
            try await db.raw("UPDATE campaigns SET sweep_pass = \(bind: next) WHERE id = \(bind: campaignId)").run()
            return next
        }
    }
}
