import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// One page of a campaign's calls, newest first (by queue time, then id): at most `limit` calls queued before
    /// `before` (nil: the newest page; pass the last call of a page to get the next). A read on a reader through
    /// the `calls_queued (campaign_id, queued_at)` index, so its cost does not grow with the call log.
    public func callPage(
        campaignId: Int64, before: (queuedAt: Date, id: Int64)? = nil, limit: Int
    ) async throws -> [CallRecord] {
        try await read { db in
            var sql: SQLQueryString = "SELECT * FROM calls WHERE campaign_id = \(bind: campaignId)"
            if let before {
                let queued = Millis.from(before.queuedAt)
                sql += " AND (queued_at < \(bind: queued) OR (queued_at = \(bind: queued) AND id < \(bind: before.id)))"
            }
            sql += " ORDER BY queued_at DESC, id DESC LIMIT \(bind: max(0, limit))"
            return try await db.raw(sql).all().map(decodeCall)
        }
    }
}
