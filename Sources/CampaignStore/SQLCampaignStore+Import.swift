import CampaignCore
import Foundation
import SQLKit
import SQLiteKit
import Synchronization

extension SQLCampaignStore: ContactListStore {
    public func importContacts(
        campaignId: Int64, mode: ContactImportMode, now: Date,
        _ feed: (any ContactImportSink) async throws -> Void
    ) async throws -> ContactImportTotals {
        var feedError: (any Error)?
        let previousCache = try await setCacheSize(kibibytes: Self.importCacheKiB)
        do {
            let totals = try await importTransaction(campaignId: campaignId, mode: mode, now: now) { sink in
                do {
                    try await feed(sink)
                } catch {
                    feedError = error
                    throw error
                }
            }
            _ = try? await setCacheSize(kibibytes: previousCache)
            return totals
        } catch {
            _ = try? await setCacheSize(kibibytes: previousCache)
            throw feedError ?? error
        }
    }

    /// SQLite's page cache while an import runs: big enough to keep the hot pages of the lead indexes (whose
    /// number index is written in random order) from being spilled and read back, small enough for the memory
    /// budget (see docs/contact-import.md).
    static let importCacheKiB = 32 * 1024

    /// Sets SQLite's page cache of this connection (a no-op elsewhere) and returns the previous size in KiB.
    private func setCacheSize(kibibytes: Int) async throws -> Int {
        guard let query = dialect.cacheSizeQuery, let setting = dialect.setCacheSize(kibibytes: kibibytes) else {
            return kibibytes
        }
        return try await serial { db in
            let row = try await db.raw(SQLQueryString(query)).first()
            let current = try row?.decode(column: "cache_size", as: Int.self) ?? -2000
            try await db.raw(SQLQueryString(setting)).run()
            return current < 0 ? -current : current * 4
        }
    }

    /// The transaction of ``importContacts(campaignId:mode:now:_:)``; it reports the feed's errors as database
    /// errors, which the caller replaces with the original.
    private func importTransaction(
        campaignId: Int64, mode: ContactImportMode, now: Date, _ feed: (any ContactImportSink) async throws -> Void
    ) async throws -> ContactImportTotals {
        try await transaction { db in
            guard let campaign = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            try Self.checkImportable(campaign, mode: mode)
            let base: Int64
            var seen = NumberIndex()
            var previous = 0
            if mode == .replace {
                try await db.raw("DELETE FROM leads WHERE campaign_id = \(bind: campaignId)").run()
                try await db.raw("DELETE FROM campaign_zones WHERE campaign_id = \(bind: campaignId)").run()
                base = 0
            } else {
                previous = try await loadNumbers(db, campaignId: campaignId, into: &seen)
                base =
                    try await db.raw("SELECT next_seq FROM campaigns WHERE id = \(bind: campaignId)").first()?
                    .decode(column: "next_seq", as: Int64.self) ?? 0
            }
            var excluded = NumberIndex()
            let sticky = campaign.settings.stickyExclusion
            for row in try await db.raw("SELECT e164 FROM exclusions WHERE campaign_id = \(bind: campaignId)").all()
            where sticky {
                excluded.insert(try row.decode(column: "e164", as: String.self), origin: 0)
            }
            let writer = LeadBatchWriter(
                orgId: campaign.orgId, campaignId: campaignId, millis: Millis.from(now),
                insert: dialect.insertInTransaction,
                target: sqliteHandle.map { .sqlite($0) } ?? .sql(db))
            let sink = SQLContactImportSink(
                writer: writer, seen: seen, excluded: excluded, firstSeq: base, readmits: !sticky,
                layoutId: { names in try await self.variableLayoutId(db, names: names) },
                zoneKeyId: { key in try await self.zoneKeyId(db, key: key) })
            do {
                try await feed(sink)
                try await sink.finish()
            } catch {
                await sink.abandon()
                throw error
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
            var totals = sink.totals
            totals.previous = previous
            totals.readmitted = try await readmit(db, campaignId: campaignId, leads: sink.named, now: now)
            try await insertEvent(
                db, orgId: campaign.orgId, campaignId: campaignId, type: "campaign.contacts.imported",
                payload: [
                    "mode": mode.rawValue, "imported": "\(totals.imported)", "duplicates": "\(totals.duplicates)",
                    "excluded": "\(totals.excluded)", "readmitted": "\(totals.readmitted)",
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

    /// Puts every number of the campaign's current contacts into `index`, streaming the rows (one indexed range
    /// of the campaign's leads); returns how many contacts there are.
    private func loadNumbers(
        _ db: any SQLDatabase, campaignId: Int64, into index: inout NumberIndex
    ) async throws
        -> Int
    {
        let loaded = Mutex<(index: NumberIndex, count: Int, failure: (any Error)?)>((index, 0, nil))
        try await db.raw("SELECT id, numbers FROM leads WHERE campaign_id = \(bind: campaignId)").run { row in
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
