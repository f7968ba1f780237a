import Foundation
import SQLKit

extension SQLCampaignStore: ImportErrorStore {
    public func replaceImportErrors(campaignId: Int64, file: ImportErrorFile?) async throws {
        try await transaction { db in
            try await db.raw("DELETE FROM import_errors WHERE campaign_id = \(bind: campaignId)").run()
            guard let file else { return }
            try await db.raw(
                """
                INSERT INTO import_errors (campaign_id, org_id, csv, row_count, kept_rows, created_at)
                SELECT id, org_id, \(bind: file.csv), \(bind: Int64(file.rowCount)), \(bind: Int64(file.keptRows)),
                \(bind: Millis.from(file.createdAt)) FROM campaigns WHERE id = \(bind: campaignId)
                """
            ).run()
        }
    }

    public func importErrors(orgId: Int64, campaignId: Int64) async throws -> ImportErrorFile? {
        try await read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT csv, row_count, kept_rows, created_at FROM import_errors
                    WHERE campaign_id = \(bind: campaignId) AND org_id = \(bind: orgId)
                    """
                ).first()
            else { return nil }
            return ImportErrorFile(
                csv: try row.decode(column: "csv", as: String.self),
                rowCount: try row.decode(column: "row_count", as: Int.self),
                keptRows: try row.decode(column: "kept_rows", as: Int.self),
                createdAt: Millis.date(try row.decode(column: "created_at", as: Int64.self)))
        }
    }
}
