import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// Migration 7: what SPEC §9 needs. `leads.blocked_by` names the compliance rule a lead waits for (a frequency
    /// cap) or can never be dialled because of; `calls_to_number` answers "attempts to this number in the last day
    /// across the organisation" from the index alone. Dial keys (`zones#rules`) need no new column: an older key
    /// (zones alone) is given its rule key by ``assignRuleKeys(_:)``.
    var complianceVersion7: [String] {
        [
            "ALTER TABLE leads ADD COLUMN blocked_by TEXT",
            "CREATE INDEX calls_to_number ON calls (org_id, to_number, queued_at)",
        ]
    }

    /// Whether some lead may still have a dial key without a rule key (one look at the small `zone_keys` table).
    public func hasKeysWithoutRules() async throws -> Bool {
        try await serial { db in
            try await db.raw(
                "SELECT id FROM zone_keys WHERE zone_key NOT LIKE \(bind: "%\(DialKey.separator)%") LIMIT 1"
            ).first() != nil
        }
    }

    /// Gives every lead stored before rule keys existed its dial key `zones#rules`, with the rule key `ruleKey`
    /// works out from its numbers (E.164, primary first). One transaction; returns how many leads moved. Cheap when
    /// there is nothing to do (one look at the small `zone_keys` table).
    public func assignRuleKeys(_ ruleKey: @Sendable ([String]) -> String) async throws -> Int {
        guard try await hasKeysWithoutRules() else { return 0 }
        return try await transaction { db in
            let rows = try await db.raw(
                """
                SELECT l.id, l.campaign_id, l.numbers, z.zone_key FROM leads l JOIN zone_keys z ON z.id = l.zone_id
                WHERE z.zone_key NOT LIKE \(bind: "%\(DialKey.separator)%")
                """
            ).all()
            var leadsByKey: [String: [Int64]] = [:]
            var keysByCampaign: [Int64: Set<String>] = [:]
            for row in rows {
                let numbers = try row.decode(column: "numbers", as: String.self).split(separator: "|").map(String.init)
                let zoneKey = try row.decode(column: "zone_key", as: String.self)
                let key = DialKey(zoneKey: zoneKey, ruleKey: ruleKey(numbers)).text
                leadsByKey[key, default: []].append(try row.decode(column: "id", as: Int64.self))
                keysByCampaign[try row.decode(column: "campaign_id", as: Int64.self), default: []].insert(key)
            }
            for (key, leads) in leadsByKey.sorted(by: { $0.key < $1.key }) {
                let id = try await zoneKeyId(db, key: key)
                for start in stride(from: 0, to: leads.count, by: 500) {
                    let chunk = Array(leads[start..<min(start + 500, leads.count)])
                    try await db.raw("UPDATE leads SET zone_id = \(bind: id) WHERE id IN (\(binds: chunk))").run()
                }
            }
            for (campaign, keys) in keysByCampaign {
                for key in keys.sorted() {
                    try await db.raw(
                        """
                        INSERT INTO campaign_zones (campaign_id, zone_key) VALUES (\(bind: campaign), \(bind: key))
                        ON CONFLICT (campaign_id, zone_key) DO NOTHING
                        """
                    ).run()
                }
            }
            try await db.raw(
                "DELETE FROM campaign_zones WHERE zone_key NOT LIKE \(bind: "%\(DialKey.separator)%")"
            ).run()
            return rows.count
        }
    }
}
