import CampaignCore
import CampaignStore
import Foundation

/// A campaign's calls read page by page (keyset: the same cost for the last page as for the first).
public enum CallPages {
    /// The first `limit` calls of the organisation's campaign, in the order they were queued.
    public static func first(
        _ limit: Int, orgId: Int64, campaignId: Int64, in store: any TenantStore
    ) async throws -> [CallRecord] {
        var calls: [CallRecord] = []
        var after: CallPageKey?
        while calls.count < limit {
            let wanted = min(500, limit - calls.count)
            let page = try await store.calls(orgId: orgId, campaignId: campaignId, after: after, limit: wanted)
            calls += page
            guard page.count == wanted, let last = page.last else { break }
            after = CallPageKey(last)
        }
        return calls
    }

    /// Calls as a table for people: id, queued, to, from, outcome, answered by, seconds, disposition.
    public static func table(_ calls: [CallRecord]) -> String {
        guard !calls.isEmpty else { return "no calls" }
        let wanted = [
            "call_id", "queued_at", "to", "from", "outcome", "answered_by", "duration_seconds", "disposition",
        ]
        let positions = wanted.compactMap { CallLogFormat.header.firstIndex(of: $0) }
        let rows =
            [wanted.map { $0.uppercased() }]
            + calls.map { call in
                let fields = CallLogFormat.fields(call)
                return positions.map { fields[$0].isEmpty ? "-" : fields[$0] }
            }
        return TextTable.render(rows)
    }
}
