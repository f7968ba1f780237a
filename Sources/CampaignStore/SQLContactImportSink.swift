import CampaignCore

/// The sink of one import: merges duplicates in memory, marks sticky exclusions and encodes each accepted contact
/// straight into the batch being filled. A full batch goes to a task that inserts it while the next one fills;
/// two batches take turns, so at most one is in flight and memory stays at two batches.
final class SQLContactImportSink: ContactImportSink {
    private let writer: LeadBatchWriter
    private var encoder = LeadRowEncoder()
    private var seen: NumberIndex
    private let excluded: NumberIndex
    /// The `variable_layouts` id of a name list (looked up or added in the import's transaction).
    private let layoutId: (_ names: [String]) async throws -> Int64
    private var layoutIds: [[String]: Int64] = [:]
    private var lastNames: [String] = []
    private var lastLayoutId: Int64?
    /// The `zone_keys` id of a zone key (looked up or added in the import's transaction).
    private let zoneKeyId: (_ key: String) async throws -> Int64
    private var zoneIds: [[String]: Int64] = [:]
    private var lastZones: [String] = []
    private var lastZoneId: Int64 = 0
    private var filling = LeadBatch()
    private var spare: LeadBatch? = LeadBatch()
    /// The insert of the previous batch; it hands the batch back for reuse.
    private var inFlight: Task<LeadBatch, any Error>?
    private(set) var nextSeq: Int64
    private(set) var totals = ContactImportTotals()

    /// Every zone key of the imported contacts.
    private(set) var zoneKeys = Set<String>()

    init(
        writer: LeadBatchWriter, seen: NumberIndex, excluded: NumberIndex, firstSeq: Int64,
        layoutId: @escaping (_ names: [String]) async throws -> Int64,
        zoneKeyId: @escaping (_ key: String) async throws -> Int64
    ) {
        self.writer = writer
        self.layoutId = layoutId
        self.zoneKeyId = zoneKeyId
        self.seen = seen
        self.excluded = excluded
        self.nextSeq = firstSeq
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
        var isExcluded = !excluded.isEmpty && excluded.origin(of: primary) != nil
        var dropped: [DroppedNumber] = []
        var kept = LeadRowEncoder.KeptNumbers.all
        for index in contact.numbers.indices.dropFirst() {
            let number = contact.numbers[index]
            if let origin = seen.insert(number, origin: Int64(contact.sourceLine)) {
                if dropped.isEmpty { kept = .only(Array(0..<index)) }
                dropped.append(DroppedNumber(number: number, origin: NumberIndex.describe(origin)))
            } else {
                if case .only(var indices) = kept {
                    indices.append(index)
                    kept = .only(indices)
                }
                if !isExcluded && !excluded.isEmpty { isExcluded = excluded.origin(of: number) != nil }
            }
        }
        let layout = try await layoutId(of: contact.variableNames)
        let zoneId = try await zoneId(of: contact.timezones)
        let seq = nextSeq
        filling.fill { rows in
            encoder.append(
                contact, kept: kept, seq: seq, excluded: isExcluded, layoutId: layout, zoneId: zoneId, to: &rows)
        }
        nextSeq += 1
        totals.imported += 1
        if isExcluded { totals.excluded += 1 }
        totals.droppedNumbers += dropped.count
        if filling.count >= writer.batchSize { try await flush() }
        return .imported(excluded: isExcluded, dropped: dropped)
    }

    /// The layout id of a list of variable names; nil when there are none.
    private func layoutId(of names: [String]) async throws -> Int64? {
        guard !names.isEmpty else { return nil }
        if names != lastNames {
            lastNames = names
            if let known = layoutIds[names] {
                lastLayoutId = known
            } else {
                let id = try await layoutId(names)
                layoutIds[names] = id
                lastLayoutId = id
            }
        }
        return lastLayoutId
    }

    /// The zone key id of a list of candidate zones (the rows of a file mostly repeat the one before).
    private func zoneId(of zones: [String]) async throws -> Int64 {
        if zones != lastZones {
            lastZones = zones
            if let known = zoneIds[zones] {
                lastZoneId = known
            } else {
                let key = zones.joined(separator: "|")
                let id = try await zoneKeyId(key)
                zoneIds[zones] = id
                zoneKeys.insert(key)
                lastZoneId = id
            }
        }
        return lastZoneId
    }

    /// Hands the filled batch to a writing task, once the batch before it is written, and fills that one next.
    private func flush() async throws {
        guard filling.count > 0 else { return }
        let full = filling
        let next: LeadBatch
        if let inFlight {
            next = try await inFlight.value
        } else {
            next = spare ?? LeadBatch()
            spare = nil
        }
        next.removeAll()
        filling = next
        let writer = self.writer
        inFlight = Task {
            try await writer.run(full)
            return full
        }
    }

    /// Writes what is left and waits for it.
    func finish() async throws {
        try await flush()
        _ = try await inFlight?.value
        inFlight = nil
    }

    /// Waits for the batch in flight, if any, so that the rollback does not race it.
    func abandon() async {
        _ = try? await inFlight?.value
        inFlight = nil
    }
}
