import CampaignCore

/// The sink of one import: merges duplicates in memory, marks sticky exclusions and encodes each accepted contact
/// straight into the batch being filled. A full batch goes to a task that writes it (`write`: one chunk, in a
/// transaction of its own) while the next one fills; two batches take turns, so at most one is in flight and
/// memory stays at two batches.
final class SQLContactImportSink: ContactImportSink {
    private let writer: LeadBatchWriter
    /// Writes one full batch (the import: in a transaction of its own).
    private let write: @Sendable (LeadBatch) async throws -> Void
    private var seen: NumberIndex
    private let excluded: NumberIndex
    /// The `variable_layouts` id of a name list (looked up or added in the import's transaction).
    private let layoutId: (_ names: [String]) async throws -> Int64
    private var layoutIds = RecentIds<[String]>()
    /// The `zone_keys` id of a zone key (looked up or added in the import's transaction).
    private let zoneKeyId: (_ key: String) async throws -> Int64
    /// Ids by candidate zone list and rule key.
    private var zoneIds = RecentIds<ContactBatch.ZoneList>()
    private var filling = LeadBatch()
    /// The insert of the previous batch; it hands the batch back for reuse.
    private var inFlight: Task<LeadBatch, any Error>?
    private(set) var nextSeq: Int64
    private(set) var totals = ContactImportTotals()
    /// Whether a number that an existing contact has makes that contact dialable again when it is excluded
    /// (sticky exclusion off).
    private let readmits: Bool
    /// Existing contacts whose numbers the import names again (only when `readmits`).
    private(set) var named: Set<Int64> = []
    /// Contacts the campaign had before (an append).
    var previous = 0
    /// The search keys of the rows written so far and not yet stored.
    var searchKeys: SearchKeyBuffer? { writer.searchKeys }

    /// Every zone key of the imported contacts.
    var zoneKeys: Set<String> { Set(zoneIds.ids.keys.map(\.dialKey.text)) }

    init(
        writer: LeadBatchWriter, seen: NumberIndex, excluded: NumberIndex, firstSeq: Int64, readmits: Bool,
        write: @escaping @Sendable (LeadBatch) async throws -> Void,
        layoutId: @escaping (_ names: [String]) async throws -> Int64,
        zoneKeyId: @escaping (_ key: String) async throws -> Int64
    ) {
        self.writer = writer
        self.write = write
        self.layoutId = layoutId
        self.zoneKeyId = zoneKeyId
        self.seen = seen
        self.excluded = excluded
        self.nextSeq = firstSeq
        self.readmits = readmits
    }

    func add(_ batch: ContactBatch) async throws -> [ContactAddNotice] {
        var notices: [ContactAddNotice] = []
        // Database ids of the batch's lists, looked up when the first contact that is stored uses them (a list only
        // a merged duplicate names is never looked up).
        var layouts = [Int64?](repeating: nil, count: batch.nameLists.count)
        var zones = [Int64?](repeating: nil, count: batch.zoneLists.count)
        var next = 0
        /// The decision about contact `next`, made before the ids of its lists were known.
        var waiting: Decision?
        while next < batch.count {
            if waiting != nil {
                let contact = batch.contacts[next]
                if contact.names != ContactBatch.none {
                    layouts[Int(contact.names)] = try await layoutIds.id(
                        of: batch.nameLists[Int(contact.names)], lookUp: layoutId)
                }
                zones[Int(contact.zones)] = try await zoneIds.id(of: batch.zoneLists[Int(contact.zones)]) {
                    list in try await zoneKeyId(list.dialKey.text)
                }
            }
            try batch.withBytes { all in
                while next < batch.count && filling.count < writer.batchSize {
                    let decision = try waiting ?? decide(next, of: batch, bytes: all)
                    waiting = nil
                    guard case .store(let kept, let isExcluded, let dropped) = decision else {
                        if case .duplicate(let number) = decision {
                            notices.append(ContactAddNotice(index: next, result: .duplicate(number)))
                        }
                        next += 1
                        continue
                    }
                    let contact = batch.contacts[next]
                    let layout = contact.names == ContactBatch.none ? nil : layouts[Int(contact.names)]
                    guard contact.names == ContactBatch.none || layout != nil, let zoneId = zones[Int(contact.zones)]
                    else {
                        waiting = decision
                        return
                    }
                    let seq = nextSeq
                    filling.fill { rows in
                        LeadRowEncoder.append(
                            next, of: batch, bytes: all, kept: kept, seq: seq, excluded: isExcluded, layoutId: layout,
                            zoneId: zoneId, to: &rows)
                    }
                    nextSeq += 1
                    totals.imported += 1
                    if isExcluded { totals.excluded += 1 }
                    totals.droppedNumbers += dropped.count
                    if isExcluded || !dropped.isEmpty {
                        notices.append(
                            ContactAddNotice(index: next, result: .imported(excluded: isExcluded, dropped: dropped)))
                    }
                    next += 1
                }
            }
            if filling.count >= writer.batchSize { try await flush() }
        }
        return notices
    }

    /// What becomes of a contact: merged into the earlier contact with its primary number, or stored with the
    /// numbers no earlier contact has.
    private enum Decision {
        case duplicate(DroppedNumber)
        case store(LeadRowEncoder.KeptNumbers, excluded: Bool, dropped: [DroppedNumber])
    }

    /// Merges contact `index` of `batch` with what came before: its numbers are marked as seen.
    private func decide(_ index: Int, of batch: ContactBatch, bytes all: UnsafeRawBufferPointer) throws -> Decision {
        let contact = batch.contacts[index]
        guard contact.numberCount > 0 else {
            throw StoreError.database("line \(contact.sourceLine): a contact needs at least one number")
        }
        func number(_ offset: Int) -> UnsafeRawBufferPointer {
            batch.numbers[Int(contact.firstNumber) + offset].text.bytes(in: all)
        }
        func dropped(_ number: UnsafeRawBufferPointer, _ origin: Int64) -> DroppedNumber {
            if readmits && origin < 0 { named.insert(-origin) }
            return DroppedNumber(number: String(decoding: number, as: UTF8.self), origin: NumberIndex.describe(origin))
        }
        let line = Int64(contact.sourceLine)
        // The primary first: a contact whose primary number is known is a duplicate, and nothing of it is kept.
        let primary = number(0)
        if let origin = seen.insert(utf8: primary, origin: line) {
            totals.duplicates += 1
            return .duplicate(dropped(primary, origin))
        }
        var isExcluded = !excluded.isEmpty && excluded.origin(ofUTF8: primary) != nil
        var droppedNumbers: [DroppedNumber] = []
        /// The positions of the kept numbers, once one was dropped (nearly no contact has any).
        var keptPositions: [Int]?
        for offset in 1..<Int(contact.numberCount) {
            let alternate = number(offset)
            if let origin = seen.insert(utf8: alternate, origin: line) {
                if keptPositions == nil { keptPositions = Array(0..<offset) }
                droppedNumbers.append(dropped(alternate, origin))
            } else {
                keptPositions?.append(offset)
                if !isExcluded && !excluded.isEmpty { isExcluded = excluded.origin(ofUTF8: alternate) != nil }
            }
        }
        return .store(keptPositions.map { .only($0) } ?? .all, excluded: isExcluded, dropped: droppedNumbers)
    }

    /// Hands the filled batch to a writing task, once the batch before it is written, and fills that one next.
    private func flush() async throws {
        guard filling.count > 0 else { return }
        let full = filling
        let next = try await inFlight?.value ?? LeadBatch()
        next.removeAll()
        filling = next
        let write = self.write
        inFlight = Task {
            try await write(full)
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
