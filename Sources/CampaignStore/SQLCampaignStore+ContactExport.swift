import CampaignCore
import Foundation
import SQLKit
import Synchronization

extension SQLCampaignStore {
    public func exportContacts(
        campaignId: Int64, _ body: @escaping @Sendable (ExportedContact) -> Void
    ) async throws {
        try await read { db in
            guard try await loadCampaign(db, id: campaignId) != nil else {
                throw StoreError.campaignNotFound(campaignId)
            }
            let layouts = try await variableLayouts(db)
            let zoneKeys = try await zoneKeysById(db)
            let failure = Mutex<(any Error)?>(nil)
            try await db.raw(
                """
                SELECT id, source_line, status, numbers, zone_id, timezone_source, layout_id, variables, blocked_by FROM leads
                WHERE campaign_id = \(bind: campaignId)
                """ + visibleOnly(campaignId: campaignId) + " ORDER BY seq, id"
            ).run { row in
                do {
                    body(try Self.exportedContact(row, layouts: layouts, zoneKeys: zoneKeys))
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
            if let error = failure.withLock({ $0 }) { throw error }
        }
    }

    static func exportedContact(
        _ row: any SQLRow, layouts: [Int64: [String]], zoneKeys: [Int64: String]
    ) throws -> ExportedContact {
        let status = try row.decode(column: "status", as: String.self)
        let zoneId = try row.decode(column: "zone_id", as: Int64.self)
        guard let zoneKey = zoneKeys[zoneId] else {
            throw StoreError.database("lead refers to zone key \(zoneId), which does not exist")
        }
        return ExportedContact(
            id: try row.decode(column: "id", as: Int64.self),
            sourceLine: try row.decode(column: "source_line", as: Int.self),
            status: status == LeadStatus.waiting.rawValue ? LeadStatus.pending.rawValue : status,
            numbers: try row.decode(column: "numbers", as: String.self).split(separator: "|").map(String.init),
            timezones: DialKey.zoneKey(of: zoneKey).split(separator: "|").map(String.init),
            timezoneSource: try row.decode(column: "timezone_source", as: String.self),
            variablesJSON: try variablesObject(
                stored: try row.decode(column: "variables", as: String.self),
                layoutId: try row.decode(column: "layout_id", as: Int64?.self), layouts: layouts),
            blockedBy: try row.decode(column: "blocked_by", as: String?.self), dialKey: zoneKey)
    }
}
