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
    private var layoutIds = RecentIds<[String]>()
    /// The `zone_keys` id of a zone key (looked up or added in the import's transaction).
    private let zoneKeyId: (_ key: String) async throws -> Int64
    /// Ids by candidate zone list.
    private var zoneIds = RecentIds<[String]>()
    private var filling = LeadBatch()
    /// The insert of the previous batch; it hands the batch back for reuse.
    private var inFlight: Task<LeadBatch, any Error>?
    private(set) var nextSeq: Int64
    private(set) var totals = ContactImportTotals()

    /// Every zone key of the imported contacts.
    var zoneKeys: Set<String> { Set(zoneIds.ids.keys.map { $0.joined(separator: "|") }) }

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
        /// The indices of the kept numbers, once one was dropped (nearly no contact has any).
        var keptIndices: [Int]?
        for index in contact.numbers.indices.dropFirst() {
            let number = contact.numbers[index]
            if let origin = seen.insert(number, origin: Int64(contact.sourceLine)) {
                if keptIndices == nil { keptIndices = Array(0..<index) }
                dropped.append(DroppedNumber(number: number, origin: NumberIndex.describe(origin)))
            } else {
                keptIndices?.append(index)
                if !isExcluded && !excluded.isEmpty { isExcluded = excluded.origin(of: number) != nil }
            }
        }
        let kept = keptIndices.map { LeadRowEncoder.KeptNumbers.only($0) } ?? .all
        let layout =
            contact.variableNames.isEmpty
            ? nil : try await layoutIds.id(of: contact.variableNames, lookUp: layoutId)
        let zoneId = try await zoneIds.id(of: contact.timezones) { zones in
            try await zoneKeyId(zones.joined(separator: "|"))
        }
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

    /// Hands the filled batch to a writing task, once the batch before it is written, and fills that one next.
    private func flush() async throws {
        guard filling.count > 0 else { return }
        let full = filling
        let next = try await inFlight?.value ?? LeadBatch()
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
