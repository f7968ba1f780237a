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
        let keys = buffer.takeSorted()
        for start in stride(from: 0, to: keys.entries.count, by: Self.searchKeysPerTransaction) {
            let range = start..<min(start + Self.searchKeysPerTransaction, keys.entries.count)
            try await transaction("importContacts") { db in
                try await self.insertSearchKeys(db, keys, range, campaignId: campaignId)
            }
        }
    }

    /// Writes the keys of `range` (of sorted `keys`) inside the caller's transaction: on SQLite bound straight from
    /// the key bytes, elsewhere through SQLKit.
    func insertSearchKeys(
        _ db: any SQLDatabase, _ keys: SortedSearchKeys, _ range: Range<Int>, campaignId: Int64
    ) async throws {
        let head = "INSERT INTO lead_search_keys (campaign_id, kind, search_key, seq) VALUES "
        let row = "(\(campaignId),?,?,?)"
        guard let handle = sqliteHandle else {
            var insert = HotStatement(head)
            insert.rows(keys.entries[range].map { [.integer($0.kind), .text(keys.text($0)), .integer($0.seq)] })
            _ = try await run(insert, db)
            return
        }
        let perStatement = HotStatement.largestChunk
        let full = head + Array(repeating: row, count: perStatement).joined(separator: ",")
        for start in stride(from: range.lowerBound, to: range.upperBound, by: perStatement) {
            let chunk = start..<min(start + perStatement, range.upperBound)
            let sql =
                chunk.count == perStatement
                ? full : head + Array(repeating: row, count: chunk.count).joined(separator: ",")
            try await handle.execute(sql) { binder in
                var index: Int32 = 1
                for entry in keys.entries[chunk] {
                    try binder.bind(entry.kind, at: index)
                    // A key's start lies inside the buffer even when it is empty.
                    try binder.bindText(keys.bytes.baseAddress! + entry.offset, count: entry.count, at: index + 1)
                    try binder.bind(entry.seq, at: index + 2)
                    index += 3
                }
            }
        }
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
