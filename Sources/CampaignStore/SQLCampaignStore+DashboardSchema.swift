import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// The dashboard's migration: every UTC day of `campaign_cost_days` counts its calls (priced or not; filled from
    /// the stored calls), and leads get `name_key`, the ``LeadSearch/nameKey(_:)`` of their `NAME` variable ('' without
    /// one; filled by ``fillNameKeys(_:)``), and the keys a lead search reads (``searchKeysTable``: by name key, and
    /// by `numbers`, whose start is the primary number; filled by ``fillSearchKeys(_:)``).
    var dashboardVersion: [String] {
        [
            "ALTER TABLE campaign_cost_days ADD COLUMN calls BIGINT NOT NULL DEFAULT 0",
            """
            INSERT INTO campaign_cost_days (campaign_id, day, billed_seconds, cost_micros, priced_calls, calls)
            SELECT campaign_id, ended_at / 86400000, 0, 0, 0, COUNT(*) FROM calls
            WHERE state = 'ended' AND ended_at IS NOT NULL GROUP BY campaign_id, ended_at / 86400000
            ON CONFLICT (campaign_id, day) DO UPDATE SET calls = excluded.calls
            """,
            "ALTER TABLE leads ADD COLUMN name_key TEXT NOT NULL DEFAULT ''",
        ] + searchKeysTable
    }

    /// Whether the schema has the leads' name keys (a test may hold a store on an older schema).
    var hasNameKeys: Bool { hasDayCalls }

    /// Fills the name key of every lead stored before ``dashboardVersion`` whose variables hold a `NAME` (run once,
    /// by that migration, in its transaction), reading the leads in pages by id.
    func fillNameKeys(_ db: any SQLDatabase) async throws {
        let layouts = try await variableLayouts(db)
        var after: Int64 = 0
        while true {
            let rows = try await db.raw(
                "SELECT id, layout_id, variables FROM leads WHERE id > \(bind: after) ORDER BY id LIMIT 5000"
            ).all()
            guard !rows.isEmpty else { break }
            var keys: [[HotStatement.Value]] = []
            for row in rows {
                after = try row.decode(column: "id", as: Int64.self)
                let stored = try row.decode(column: "variables", as: String.self)
                guard
                    let name = Self.storedName(
                        stored, names: try row.decode(column: "layout_id", as: Int64?.self).map { layouts[$0] ?? [] })
                else { continue }
                let key = LeadSearch.nameKey(name)
                if !key.isEmpty { keys.append([.integer(after), .text(key)]) }
            }
            guard !keys.isEmpty else { continue }
            var update = HotStatement("WITH v (id, name_key) AS (VALUES ")
            update.rows(keys)
            update.append(") UPDATE leads SET name_key = v.name_key FROM v WHERE leads.id = v.id")
            _ = try await run(update, db)
        }
    }
}

extension SQLCampaignStore {
    /// The `NAME` value of a lead's stored variables: values in the order of its layout's `names`, or (`names` nil:
    /// a row written before schema 5) a JSON object.
    static func storedName(_ stored: String, names: [String]?) -> String? {
        if let names {
            guard let position = names.firstIndex(of: "NAME"), let values = JSONText.strings(stored),
                values.indices.contains(position)
            else { return nil }
            return values[position]
        }
        let object = try? JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any]
        return object?["NAME"] as? String
    }
}

extension StoreDialect {
    /// What makes an index column, or a comparison, order text by its bytes (UTF-8), as a prefix range needs:
    /// SQLite's default; PostgreSQL's "C" collation.
    var byteOrder: String {
        switch self {
        case .sqlite: ""
        case .postgres: " COLLATE \"C\""
        }
    }
}
