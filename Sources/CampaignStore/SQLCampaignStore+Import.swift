import CampaignCore
import Foundation
import SQLKit
import SQLiteKit
import Synchronization

extension SQLCampaignStore: ContactListStore {
    /// Imports in chunks: the import registers (one short transaction), writes its rows a batch per transaction
    /// with `seq` from the campaign's `next_seq` up (invisible to every reader, see ``stagedImportVersion10``), and
    /// publishes them in one short last transaction. Between chunks the writer is free for the dialler and readers
    /// never wait. Anything that throws discards the chunks, so the import stays all-or-nothing; a crash leaves
    /// chunks nobody sees, which the next open or import removes.
    public func importContacts(
        campaignId: Int64, mode: ContactImportMode, now: Date,
        _ feed: (any ContactImportSink) async throws -> Void
    ) async throws -> ContactImportTotals {
        let lock = try await takeImportLock()
        defer { lock?.release() }
        let staged = try await beginImport(campaignId: campaignId, mode: mode, now: now)
        let previousCache = try? await setCacheSize(kibibytes: Self.importCacheKiB)
        try? await setAutocheckpoint(pages: 0)
        let outcome: Result<ContactImportTotals, any Error>
        do {
            outcome = .success(try await stageAndPublish(staged, mode: mode, now: now, feed))
        } catch {
            outcome = .failure(error)
        }
        if let previousCache { _ = try? await setCacheSize(kibibytes: previousCache) }
        try? await setAutocheckpoint(pages: StoreDialect.autocheckpointPages)
        await checkpointBesideTheWriter()
        if case .failure = outcome {
            do {
                try await discardStaged(campaignId: campaignId, firstSeq: staged.firstSeq)
            } catch {
                // The chunks stay invisible; the next open or import removes them.
            }
        }
        return try outcome.get()
    }

    /// Writes the chunks of a registered import and publishes them; throws the feed's own error when the feed
    /// fails.
    private func stageAndPublish(
        _ staged: StagedImport, mode: ContactImportMode, now: Date, _ feed: (any ContactImportSink) async throws -> Void
    ) async throws -> ContactImportTotals {
        let sink = try await makeSink(staged, mode: mode, now: now)
        do {
            try await feed(sink)
            try await sink.finish()
            if let keys = sink.searchKeys { try await writeSearchKeys(keys, campaignId: staged.campaign.id) }
        } catch {
            await sink.abandon()
            throw error
        }
        return try await publish(staged, sink: sink, mode: mode, now: now)
    }

    /// Sets after how many log pages the writer's commits checkpoint (``StoreDialect/setAutocheckpoint(pages:)``).
    private func setAutocheckpoint(pages: Int) async throws {
        guard let statement = dialect.setAutocheckpoint(pages: pages) else { return }
        try await serial("importContacts") { db in try await db.raw(SQLQueryString(statement)).run() }
    }

    /// Copies the log the import wrote into the database file on a reader, so the writer is not held for it (the
    /// import's span includes it, as it included the checkpoint of its one big commit before). Best effort: what
    /// it leaves, the writer's next commit checkpoints.
    private func checkpointBesideTheWriter() async {
        guard let statement = dialect.passiveCheckpoint, let readers else { return }
        _ = try? await readers.withConnection { db in try await db.raw(SQLQueryString(statement)).run() }
    }

    /// SQLite's page cache while an import runs: big enough to keep the hot pages of the lead indexes (whose
    /// number index is written in random order) from being spilled and read back, small enough for the memory
    /// budget (see docs/contact-import.md).
    static let importCacheKiB = 32 * 1024

    /// Sets SQLite's page cache of the write connection (a no-op elsewhere) and returns the previous size in KiB.
    private func setCacheSize(kibibytes: Int) async throws -> Int {
        guard let query = dialect.cacheSizeQuery, let setting = dialect.setCacheSize(kibibytes: kibibytes) else {
            return kibibytes
        }
        return try await serial("importContacts") { db in
            let row = try await db.raw(SQLQueryString(query)).first()
            let current = try row?.decode(column: "cache_size", as: Int.self) ?? -2000
            try await db.raw(SQLQueryString(setting)).run()
            return current < 0 ? -current : current * 4
        }
    }

    /// The sink of an import that has registered: the numbers it merges against (an append's existing contacts,
    /// read on a reader) and the sticky exclusions. Each full batch is written in a transaction of its own.
    private func makeSink(
        _ staged: StagedImport, mode: ContactImportMode, now: Date
    ) async throws -> SQLContactImportSink {
        let campaignId = staged.campaign.id
        let sticky = staged.campaign.settings.stickyExclusion
        let (seen, previous, excluded) = try await read("importContacts") { db in
            var seen = NumberIndex()
            let previous =
                mode == .append
                ? try await loadNumbers(db, campaignId: campaignId, below: staged.firstSeq, into: &seen) : 0
            var excluded = NumberIndex()
            if sticky {
                for row in try await db.raw("SELECT e164 FROM exclusions WHERE campaign_id = \(bind: campaignId)").all()
                {
                    excluded.insert(try row.decode(column: "e164", as: String.self), origin: 0)
                }
            }
            return (seen, previous, excluded)
        }
        let writer = LeadBatchWriter(
            orgId: staged.campaign.orgId, campaignId: campaignId, millis: Millis.from(now),
            insert: dialect.insertInTransaction, target: sqliteHandle.map { .sqlite($0) } ?? .sql(database),
            withNameKey: hasNameKeys)
        let sink = SQLContactImportSink(
            writer: writer, seen: seen, excluded: excluded, firstSeq: staged.firstSeq, readmits: !sticky,
            write: { batch in
                try await self.transaction("importContacts") { _ in try await writer.run(batch) }
                if let keys = writer.searchKeys, keys.isFull {
                    try await self.writeSearchKeys(keys, campaignId: campaignId)
                }
            },
            layoutId: { names in
                try await self.transaction("importContacts") { db in try await self.variableLayoutId(db, names: names) }
            },
            zoneKeyId: { key in
                try await self.transaction("importContacts") { db in try await self.zoneKeyId(db, key: key) }
            })
        sink.previous = previous
        return sink
    }

    /// The import's last transaction: checks that the campaign still takes it, removes a replaced list, moves
    /// `next_seq` past the chunks (which makes them visible) and records the event.
    private func publish(
        _ staged: StagedImport, sink: SQLContactImportSink, mode: ContactImportMode, now: Date
    ) async throws -> ContactImportTotals {
        let campaignId = staged.campaign.id
        return try await transaction("importContacts") { db in
            guard try await stagingFrontier(db, campaignId: campaignId) == staged.firstSeq else {
                throw StoreError.database("import contacts failed: the import was abandoned")
            }
            guard let campaign = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            try Self.checkImportable(campaign, mode: mode)
            if mode == .replace {
                try await db.raw(
                    "DELETE FROM leads WHERE campaign_id = \(bind: campaignId) AND seq < \(bind: staged.firstSeq)"
                ).run()
                if hasNameKeys {
                    _ = try await deleteSearchKeys(
                        db, campaignId: campaignId, seqs: Int64.min..<staged.firstSeq, limit: Int.max)
                }
                try await db.raw("DELETE FROM campaign_zones WHERE campaign_id = \(bind: campaignId)").run()
                try await clearLeadCounts(db, campaignId: campaignId)
            }
            for zone in sink.zoneKeys.sorted() {
                try await db.raw(
                    """
                    INSERT INTO campaign_zones (campaign_id, zone_key) VALUES (\(bind: campaignId), \(bind: zone))
                    ON CONFLICT (campaign_id, zone_key) DO NOTHING
                    """
                ).run()
            }
            try await db.raw(
                """
                UPDATE campaigns SET next_seq = \(bind: sink.nextSeq), updated_at = \(bind: Millis.from(now))
                WHERE id = \(bind: campaignId)
                """
            ).run()
            try await addLeadCounts(db, campaignId: campaignId, fromSeq: staged.firstSeq)
            try await db.raw("DELETE FROM lead_imports WHERE campaign_id = \(bind: campaignId)").run()
            var totals = sink.totals
            totals.previous = sink.previous
            totals.readmitted = try await readmit(db, campaignId: campaignId, leads: sink.named, now: now)
            try await insertEvent(
                db, orgId: campaign.orgId, campaignId: campaignId, type: "campaign.contacts.imported",
                payload: [
                    "mode": mode.rawValue, "imported": "\(totals.imported)", "duplicates": "\(totals.duplicates)",
                    "excluded": "\(totals.excluded)", "readmitted": "\(totals.readmitted)",
                ], now: now)
            try await recordAudit(
                db, orgId: campaign.orgId, action: "contacts.\(mode.rawValue)", target: ("campaign", campaignId),
                detail: [
                    "imported": "\(totals.imported)", "duplicates": "\(totals.duplicates)",
                    "excluded": "\(totals.excluded)",
                ], now: now)
            return totals
        }
    }

    /// Makes the excluded ones among `leads` (existing contacts an append named again) dialable again, where they
    /// left off; returns how many. Only without sticky exclusion, which keeps them excluded.
    private func readmit(_ db: any SQLDatabase, campaignId: Int64, leads: Set<Int64>, now: Date) async throws -> Int {
        guard !leads.isEmpty else { return 0 }
        var count = 0
        let ids = leads.sorted()
        for start in stride(from: 0, to: ids.count, by: 500) {
            count += try await db.raw(
                """
                UPDATE leads SET status = 'pending', priority = 0, next_at = 0, updated_at = \(bind: Millis.from(now))
                WHERE campaign_id = \(bind: campaignId) AND status = 'excluded'
                AND id IN (\(binds: Array(ids[start..<min(start + 500, ids.count)])))
                RETURNING id
                """
            ).all().count
        }
        return count
    }

    /// Drafts (and scheduled campaigns that never ran) take any import; an always-on campaign that has run takes
    /// appends while it is scheduled, running or paused; every other campaign is locked.
    static func checkImportable(_ campaign: Campaign, mode: ContactImportMode) throws {
        let openForAppend: Set<CampaignStatus> = [.scheduled, .running, .paused]
        if campaign.settings.mode == .alwaysOn && mode == .append && openForAppend.contains(campaign.status) {
            return
        }
        if campaign.hasRun { throw StoreError.contactsLocked(campaignId: campaign.id) }
        guard campaign.status == .draft || campaign.status == .scheduled else {
            throw StoreError.notEditable(campaignId: campaign.id, status: campaign.status.rawValue)
        }
    }

    /// Puts every number of the campaign's visible contacts (`seq` below `frontier`) into `index`, streaming the
    /// rows (one indexed range of the campaign's leads); returns how many contacts there are.
    private func loadNumbers(
        _ db: any SQLDatabase, campaignId: Int64, below frontier: Int64, into index: inout NumberIndex
    ) async throws -> Int {
        let loaded = Mutex<(index: NumberIndex, count: Int, failure: (any Error)?)>((index, 0, nil))
        try await db.raw(
            "SELECT id, numbers FROM leads WHERE campaign_id = \(bind: campaignId) AND seq < \(bind: frontier)"
        ).run { row in
            loaded.withLock { state in
                do {
                    let id = try row.decode(column: "id", as: Int64.self)
                    for number in try row.decode(column: "numbers", as: String.self).split(separator: "|") {
                        state.index.insert(String(number), origin: -id)
                    }
                    state.count += 1
                } catch {
                    state.failure = state.failure ?? error
                }
            }
        }
        let (result, count, failure) = loaded.withLock { ($0.index, $0.count, $0.failure) }
        if let failure { throw failure }
        index = result
        return count
    }
}
