import SQLKit

extension SQLCampaignStore {
    /// Migration 6: a lead names its candidate zones by the id of their `|`-joined key in `zone_keys` (one row per
    /// distinct key, shared by every campaign) instead of the text itself. The row and the queue index each lose
    /// some 16 bytes per lead (a sixth of what an import writes); the lease filters on the ids of the open keys.
    var zoneKeyVersion6: [String] {
        let id = dialect.identityColumn
        return [
            "CREATE TABLE zone_keys (id \(id), zone_key TEXT NOT NULL UNIQUE)",
            "INSERT INTO zone_keys (zone_key) SELECT DISTINCT zone_key FROM leads ORDER BY zone_key",
            "ALTER TABLE leads ADD COLUMN zone_id BIGINT NOT NULL DEFAULT 0",
            "UPDATE leads SET zone_id = (SELECT z.id FROM zone_keys z WHERE z.zone_key = leads.zone_key)",
            "DROP INDEX leads_queue",
            "ALTER TABLE leads DROP COLUMN zone_key",
            """
            CREATE INDEX leads_queue ON leads (campaign_id, priority DESC, pass, seq, zone_id)
            WHERE status = 'pending'
            """,
        ]
    }

    /// The id of a zone key (candidate zones joined by `|`), added when it is new (inside the caller's
    /// transaction).
    func zoneKeyId(_ db: any SQLDatabase, key: String) async throws -> Int64 {
        try await db.raw("INSERT INTO zone_keys (zone_key) VALUES (\(bind: key)) ON CONFLICT (zone_key) DO NOTHING")
            .run()
        guard let row = try await db.raw("SELECT id FROM zone_keys WHERE zone_key = \(bind: key)").first() else {
            throw StoreError.database("zone key \(key) was not stored")
        }
        return try row.decode(column: "id", as: Int64.self)
    }

    /// Every zone key by id.
    func zoneKeysById(_ db: any SQLDatabase) async throws -> [Int64: String] {
        var keys: [Int64: String] = [:]
        for row in try await db.raw("SELECT id, zone_key FROM zone_keys").all() {
            keys[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "zone_key", as: String.self)
        }
        return keys
    }
}
