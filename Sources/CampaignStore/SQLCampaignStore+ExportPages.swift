import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: ExportPageStore {
    public func contactExportPage(
        campaignId: Int64, after: ContactExportKey?, limit: Int
    ) async throws -> ContactExportPage {
        try await read { db in
            let layouts = try await variableLayouts(db)
            let zoneKeys = try await zoneKeysById(db)
            var sql: SQLQueryString = """
                SELECT id, seq, source_line, status, numbers, zone_id, timezone_source, layout_id, variables, blocked_by
                FROM leads WHERE campaign_id = \(bind: campaignId)
                """
            if let after {
                sql += " AND (seq > \(bind: after.seq) OR (seq = \(bind: after.seq) AND id > \(bind: after.id)))"
            }
            sql += visibleOnly(campaignId: campaignId) + " ORDER BY seq, id LIMIT \(bind: max(0, limit))"
            var contacts: [ExportedContact] = []
            var last: ContactExportKey?
            for row in try await db.raw(sql).all() {
                contacts.append(try Self.exportedContact(row, layouts: layouts, zoneKeys: zoneKeys))
                last = ContactExportKey(
                    seq: try row.decode(column: "seq", as: Int64.self), id: try row.decode(column: "id", as: Int64.self)
                )
            }
            return ContactExportPage(contacts: contacts, last: last)
        }
    }

    public func callExportPage(campaignId: Int64?, afterId: Int64?, limit: Int) async throws -> [CallRecord] {
        try await read { db in
            var sql = SQLQueryString("SELECT * FROM calls WHERE id > \(bind: afterId ?? 0)")
            if let campaignId { sql += " AND campaign_id = \(bind: campaignId)" }
            sql += " ORDER BY id LIMIT \(bind: max(0, limit))"
            return try await db.raw(sql).all().map(decodeCall)
        }
    }
}
