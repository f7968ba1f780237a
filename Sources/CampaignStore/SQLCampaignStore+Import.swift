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
        guard dialect == .sqlite else { return kibibytes }
        return try await serial { db in
            let row = try await db.raw("PRAGMA cache_size").first()
            let current = try row?.decode(column: "cache_size", as: Int.self) ?? -2000
            let pragma = "PRAGMA cache_size = -\(kibibytes)"
            try await db.raw(SQLQueryString(pragma)).run()
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
            for row in try await db.raw("SELECT e164 FROM exclusions WHERE campaign_id = \(bind: campaignId)").all() {
                excluded.insert(try row.decode(column: "e164", as: String.self), origin: 0)
            }
            let writer = LeadBatchWriter(
                orgId: campaign.orgId, campaignId: campaignId, millis: Millis.from(now),
                target: sqliteHandle.map { .sqlite($0) } ?? .sql(db))
            let sink = SQLContactImportSink(writer: writer, seen: seen, excluded: excluded, firstSeq: base) { names in
                try await self.variableLayoutId(db, names: names)
            }
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
            try await insertEvent(
                db, orgId: campaign.orgId, campaignId: campaignId, type: "campaign.contacts.imported",
                payload: [
                    "mode": mode.rawValue, "imported": "\(totals.imported)", "duplicates": "\(totals.duplicates)",
                    "excluded": "\(totals.excluded)",
                ], now: now)
            return totals
        }
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

/// E.164 numbers seen so far, each with where it was seen: a positive file line, or minus an existing lead id.
/// E.164 numbers have at most 15 digits, so most are kept as integers (a hash set of 16-byte entries).
struct NumberIndex {
    private var numeric: [UInt64: Int64] = [:]
    private var other: [String: Int64] = [:]

    static func key(_ e164: String) -> UInt64? {
        var value: UInt64 = 0
        var digits = 0
        for (offset, byte) in e164.utf8.enumerated() {
            if offset == 0 {
                guard byte == UInt8(ascii: "+") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    func origin(of e164: String) -> Int64? {
        if let key = Self.key(e164) { return numeric[key] }
        return other[e164]
    }

    var isEmpty: Bool { numeric.isEmpty && other.isEmpty }

    /// Adds the number unless it is there; returns where it was seen before, or nil when it is new.
    @discardableResult
    mutating func insert(_ e164: String, origin: Int64) -> Int64? {
        if let key = Self.key(e164) {
            if let earlier = numeric[key] { return earlier }
            numeric[key] = origin
        } else {
            if let earlier = other[e164] { return earlier }
            other[e164] = origin
        }
        return nil
    }

    static func describe(_ origin: Int64) -> ContactOrigin {
        origin > 0 ? .line(Int(origin)) : .existingContact(-origin)
    }
}

/// The sink of one import: merges duplicates in memory and marks sticky exclusions as the rows come, and hands
/// every full batch to a task that encodes and writes it while the importer reads the next rows (one batch in
/// flight at a time, so the reading and the writing each have a core).
final class SQLContactImportSink: ContactImportSink {
    private let batchSize: Int
    private let stage: LeadWritingStage
    private var seen: NumberIndex
    private let excluded: NumberIndex
    /// The `variable_layouts` id of a name list (looked up or added in the import's transaction).
    private let layoutId: (_ names: [String]) async throws -> Int64
    private var layoutIds: [[String]: Int64] = [:]
    private var lastNames: [String] = []
    private var lastLayoutId: Int64?
    private var lastZones: [String] = []
    private var pending: [PendingLead] = []
    private var inFlight: Task<Void, any Error>?
    private(set) var nextSeq: Int64
    private(set) var totals = ContactImportTotals()
    private(set) var zoneKeys = Set<String>()

    init(
        writer: LeadBatchWriter, seen: NumberIndex, excluded: NumberIndex, firstSeq: Int64,
        layoutId: @escaping (_ names: [String]) async throws -> Int64
    ) {
        self.batchSize = writer.batchSize
        self.stage = LeadWritingStage(writer: writer)
        self.layoutId = layoutId
        self.seen = seen
        self.excluded = excluded
        self.nextSeq = firstSeq
        pending.reserveCapacity(batchSize)
    }

    func add(_ contact: ImportedContact) async throws -> ContactAddResult {
        guard let primary = contact.numbers.first else {
            throw StoreError.database("line \(contact.sourceLine): a contact needs at least one number")
        }
        // The primary first: a contact whose primary number is known is a duplicate, and nothing of it is kept.
        if let origin = seen.insert(primary, origin: Int64(contact.sourceLine)) {
            totals.duplicates += 1
            return .duplicate(DroppedNumber(number: primary, origin: NumberIndex.describe(origin)))
        }
        var kept = [0]
        kept.reserveCapacity(contact.numbers.count)
        var dropped: [DroppedNumber] = []
        var isExcluded = !excluded.isEmpty && excluded.origin(of: primary) != nil
        for (index, number) in contact.numbers.enumerated().dropFirst() {
            if let origin = seen.insert(number, origin: Int64(contact.sourceLine)) {
                dropped.append(DroppedNumber(number: number, origin: NumberIndex.describe(origin)))
            } else {
                kept.append(index)
                if !isExcluded && !excluded.isEmpty { isExcluded = excluded.origin(of: number) != nil }
            }
        }
        if contact.variableNames != lastNames {
            lastNames = contact.variableNames
            if let known = layoutIds[lastNames] {
                lastLayoutId = known
            } else if !lastNames.isEmpty {
                let id = try await layoutId(lastNames)
                layoutIds[lastNames] = id
                lastLayoutId = id
            }
        }
        if contact.timezones != lastZones {
            lastZones = contact.timezones
            zoneKeys.insert(contact.timezones.joined(separator: "|"))
        }
        pending.append(
            PendingLead(
                contact: contact, kept: kept, seq: nextSeq, excluded: isExcluded,
                layoutId: contact.variableNames.isEmpty ? nil : lastLayoutId))
        nextSeq += 1
        totals.imported += 1
        if isExcluded { totals.excluded += 1 }
        totals.droppedNumbers += dropped.count
        if pending.count >= batchSize { try await flush() }
        return .imported(excluded: isExcluded, dropped: dropped)
    }

    /// Hands the pending rows to a writing task, once the batch before them is written.
    private func flush() async throws {
        guard !pending.isEmpty else { return }
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        try await inFlight?.value
        let stage = self.stage
        inFlight = Task { try await stage.write(rows) }
    }

    /// Writes what is left and waits for it.
    func finish() async throws {
        try await flush()
        try await inFlight?.value
        inFlight = nil
    }

    /// Waits for the batch in flight, if any, so that the rollback does not race it.
    func abandon() async {
        _ = try? await inFlight?.value
        inFlight = nil
    }
}

/// A contact accepted by the sink, waiting to be written.
struct PendingLead: Sendable {
    let contact: ImportedContact
    /// The indices of the contact's numbers that are kept (the others were duplicates).
    let kept: [Int]
    let seq: Int64
    let excluded: Bool
    let layoutId: Int64?
}

/// The writing side of an import: encodes pending rows into its batch and inserts them. Used by one task at a
/// time (the sink awaits each write before it starts the next), hence `@unchecked Sendable`.
final class LeadWritingStage: @unchecked Sendable {
    private let writer: LeadBatchWriter
    private var encoder = LeadRowEncoder()
    private let batch = LeadBatch()

    init(writer: LeadBatchWriter) { self.writer = writer }

    func write(_ rows: [PendingLead]) async throws {
        batch.removeAll()
        for row in rows {
            encoder.append(
                row.contact, kept: row.kept, seq: row.seq, excluded: row.excluded, layoutId: row.layoutId, to: batch)
        }
        try await writer.run(batch)
    }
}
