import SQLKit

/// The lead search's keys live in a table of their own, `lead_search_keys` (campaign, kind, key, seq), not in
/// indexes on `leads`: an import writes them in key order after its rows (see ``SearchKeyBuffer``). A search
/// reads the keys of one kind and prefix in order and joins each to its lead by (campaign, seq); the join keeps the
/// lead's visibility, so keys written for rows still being imported find nothing until the import publishes.
extension SQLCampaignStore {
    /// Keys written per transaction, so the writer is held briefly.
    static let searchKeysPerTransaction = 8_192

    /// The table's creation.
    var searchKeysTable: [String] {
        [
            """
            CREATE TABLE lead_search_keys (campaign_id BIGINT NOT NULL, kind BIGINT NOT NULL,
            search_key TEXT\(dialect.byteOrder) NOT NULL, seq BIGINT NOT NULL,
            PRIMARY KEY (campaign_id, kind, search_key, seq))\(dialect.withoutRowId)
            """
        ]
    }

    /// Writes the buffer's keys in key order, in transactions of ``searchKeysPerTransaction`` keys.
    func writeSearchKeys(_ buffer: SearchKeyBuffer, campaignId: Int64) async throws {
        let entries = buffer.takeSorted()
        for start in stride(from: 0, to: entries.count, by: Self.searchKeysPerTransaction) {
            let chunk = entries[start..<min(start + Self.searchKeysPerTransaction, entries.count)]
            try await transaction("importContacts") { db in
                try await self.insertSearchKeys(db, chunk, campaignId: campaignId)
            }
        }
    }

    /// Writes keys inside the caller's transaction (an append's few rows).
    func insertSearchKeys(
        _ db: any SQLDatabase, _ entries: some Collection<SearchKeyBuffer.Entry>, campaignId: Int64
    ) async throws {
        guard !entries.isEmpty else { return }
        var insert = HotStatement("INSERT INTO lead_search_keys (campaign_id, kind, search_key, seq) VALUES ")
        insert.rows(entries.map { [.integer(campaignId), .integer($0.kind), .text($0.key), .integer($0.seq)] })
        _ = try await run(insert, db)
    }

    /// Deletes the keys of the campaign's rows in `seqs` (a replaced list, discarded chunks), at most `limit` per
    /// call; returns how many went.
    func deleteSearchKeys(
        _ db: any SQLDatabase, campaignId: Int64, seqs: Range<Int64>, limit: Int
    ) async throws -> Int {
        try await db.raw(
            """
            DELETE FROM lead_search_keys WHERE (campaign_id, kind, search_key, seq) IN (
            SELECT campaign_id, kind, search_key, seq FROM lead_search_keys WHERE campaign_id = \(bind: campaignId)
            AND seq >= \(bind: seqs.lowerBound) AND seq < \(bind: seqs.upperBound) LIMIT \(bind: limit))
            RETURNING seq
            """
        ).all().count
    }

    /// Copies the keys of the source campaign's leads that a clone copied (same seq).
    func copySearchKeys(_ db: any SQLDatabase, from source: Int64, to target: Int64) async throws {
        try await db.raw(
            """
            INSERT INTO lead_search_keys (campaign_id, kind, search_key, seq)
            SELECT \(bind: target), k.kind, k.search_key, k.seq FROM lead_search_keys k
            WHERE k.campaign_id = \(bind: source)
            AND EXISTS (SELECT 1 FROM leads WHERE leads.campaign_id = \(bind: target) AND leads.seq = k.seq)
            ORDER BY k.kind, k.search_key, k.seq
            """
        ).run()
    }

    /// Fills the table from the stored leads (the migration that creates it), in key order.
    func fillSearchKeys(_ db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO lead_search_keys (campaign_id, kind, search_key, seq)
            SELECT campaign_id, \(bind: SearchKeyBuffer.numberKind), numbers, seq FROM leads
            ORDER BY campaign_id, numbers\(unsafeRaw: dialect.byteOrder), seq
            """
        ).run()
        try await db.raw(
            """
            INSERT INTO lead_search_keys (campaign_id, kind, search_key, seq)
            SELECT campaign_id, \(bind: SearchKeyBuffer.nameKind), name_key, seq FROM leads WHERE name_key <> ''
            ORDER BY campaign_id, name_key\(unsafeRaw: dialect.byteOrder), seq
            """
        ).run()
    }
}

extension StoreDialect {
    /// What ends the creation of a table whose primary key is its only order: SQLite stores it as a B-tree on that
    /// key (no separate row id); PostgreSQL has no such clause.
    var withoutRowId: String {
        switch self {
        case .sqlite: " WITHOUT ROWID"
        case .postgres: ""
        }
    }
}
