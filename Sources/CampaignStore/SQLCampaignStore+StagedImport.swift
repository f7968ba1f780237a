import CampaignCore
import Foundation
import SQLKit

/// The chunks of an import in progress (see ``stagedImportVersion10``): registering an import, the frontier that
/// keeps its rows invisible, and cleaning up after an import that failed or whose process died.
extension SQLCampaignStore {
    /// An import that has registered and writes its chunks from `firstSeq` on.
    struct StagedImport: Sendable {
        let campaign: Campaign
        let firstSeq: Int64
    }

    /// How many staged rows one cleaning transaction deletes (some tens of milliseconds of the writer).
    static let discardChunk = 5000

    /// Registers an import of `campaignId` in one short write transaction: checks that the campaign takes it, and
    /// that no other import of the campaign is running.
    func beginImport(campaignId: Int64, mode: ContactImportMode, now: Date) async throws -> StagedImport {
        try await transaction("importContacts") { db in
            guard let campaign = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            try Self.checkImportable(campaign, mode: mode)
            if try await stagingFrontier(db, campaignId: campaignId) != nil {
                throw StoreError.importInProgress(campaignId: campaignId)
            }
            let next =
                try await db.raw("SELECT next_seq FROM campaigns WHERE id = \(bind: campaignId)").first()?
                .decode(column: "next_seq", as: Int64.self) ?? 0
            try await db.raw(
                """
                INSERT INTO lead_imports (campaign_id, first_seq, started_at)
                VALUES (\(bind: campaignId), \(bind: next), \(bind: Millis.from(now)))
                """
            ).run()
            return StagedImport(campaign: campaign, firstSeq: next)
        }
    }

    /// Where the chunks of the campaign's import in progress start (every lead below it is visible), or nil when
    /// no import of the campaign is in progress.
    func stagingFrontier(_ db: any SQLDatabase, campaignId: Int64) async throws -> Int64? {
        if let schemaLimit, schemaLimit < stagedImportSchemaVersion { return nil }
        return try await db.raw("SELECT first_seq FROM lead_imports WHERE campaign_id = \(bind: campaignId)").first()?
            .decode(column: "first_seq", as: Int64.self)
    }

    /// Fails when an import of the campaign is in progress (inside a write transaction that adds leads).
    func checkNoImport(_ db: any SQLDatabase, campaignId: Int64) async throws {
        if try await stagingFrontier(db, campaignId: campaignId) != nil {
            throw StoreError.importInProgress(campaignId: campaignId)
        }
    }

    /// The condition that keeps a lead query to visible leads (`seq` below the campaign's `next_seq`), for a query
    /// on `leads` whose campaign is bound by `campaignId`. Costs one look at the campaign's row. The planner may not
    /// use it to pick an index: a range on `seq` made SQLite lease through `leads_order` and sort, 15 times slower
    /// than through `leads_queue`.
    func visibleOnly(campaignId: Int64) -> SQLQueryString {
        let seq = SQLQueryString(dialect.unindexed("seq"))
        return " AND " + seq + " < (SELECT next_seq FROM campaigns WHERE id = \(bind: campaignId))"
    }

    /// The same condition on a hot statement (the lease).
    func appendVisibleOnly(to statement: inout HotStatement, campaignId: Int64) {
        statement.append(" AND \(dialect.unindexed("seq")) < (SELECT next_seq FROM campaigns WHERE id = ")
        statement.bind(campaignId)
        statement.append(")")
    }

    /// Deletes the chunks of the campaign's import that started at `firstSeq`, a few thousand rows per
    /// transaction, then its registration.
    func discardStaged(campaignId: Int64, firstSeq: Int64) async throws {
        while true {
            let deleted = try await transaction("discardStagedImport") { db in
                try await db.raw(
                    """
                    DELETE FROM leads WHERE id IN (SELECT id FROM leads WHERE campaign_id = \(bind: campaignId)
                    AND seq >= \(bind: firstSeq) LIMIT \(unsafeRaw: String(Self.discardChunk))) RETURNING id
                    """
                ).all().count
            }
            if deleted < Self.discardChunk { break }
        }
        while hasNameKeys {
            let deleted = try await transaction("discardStagedImport") { db in
                try await deleteSearchKeys(
                    db, campaignId: campaignId, seqs: firstSeq..<Int64.max, limit: Self.discardChunk)
            }
            if deleted < Self.discardChunk { break }
        }
        try await transaction("discardStagedImport") { db in
            try await db.raw(
                """
                DELETE FROM lead_imports WHERE campaign_id = \(bind: campaignId) AND first_seq = \(bind: firstSeq)
                """
            ).run()
        }
    }

    /// Cleans up every import whose process is gone (a crash, a kill, a store closed mid-import): when no import
    /// runs anywhere (the ``ImportLock`` can be taken exclusively), the chunks of every registered import go.
    /// Called when the store opens; cheap when nothing was abandoned (one look at `lead_imports`).
    func discardAbandonedImports() async throws {
        guard let path, !(try await registeredImports()).isEmpty,
            let lock = try ImportLock.take(databasePath: path, exclusive: true)
        else { return }
        defer { lock.release() }
        try await discardRegisteredImports()
    }

    /// Takes the ``ImportLock`` shared for an import's duration, cleaning up abandoned imports first when no other
    /// import runs; nil where the database is not a file.
    func takeImportLock() async throws -> ImportLock? {
        guard let path else { return nil }
        if let lock = try ImportLock.take(databasePath: path, exclusive: true) {
            do {
                try await discardRegisteredImports()
            } catch {
                lock.release()
                throw error
            }
            lock.share()
            return lock
        }
        // Only a cleanup holds it exclusively, and not for long.
        for _ in 0..<6000 {
            if let lock = try ImportLock.take(databasePath: path, exclusive: false) { return lock }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw StoreError.unavailable("another process keeps the import lock of '\(path)'")
    }

    /// Every registered import: its campaign and where its chunks start.
    private func registeredImports() async throws -> [(campaignId: Int64, firstSeq: Int64)] {
        try await serial("discardStagedImport") { db in
            try await db.raw("SELECT campaign_id, first_seq FROM lead_imports").all().map {
                (
                    try $0.decode(column: "campaign_id", as: Int64.self),
                    try $0.decode(column: "first_seq", as: Int64.self)
                )
            }
        }
    }

    /// Discards every registered import; only for a caller that holds the ``ImportLock`` exclusively.
    private func discardRegisteredImports() async throws {
        for (campaignId, firstSeq) in try await registeredImports() {
            try await discardStaged(campaignId: campaignId, firstSeq: firstSeq)
        }
    }
}
