import Synchronization

/// The lead search keys (``SQLCampaignStore/searchKeysTable``) of rows being written, kept in memory so they can be
/// written in key order: a B-tree filled in key order touches each page once, where one filled in the rows' order
/// (random keys) dirties a page per key in every chunk's transaction — that made a 500,000-row import 3.5× slower.
/// The import writes them before its publish (``SQLCampaignStore/writeSearchKeys(_:campaignId:)``), a sorted run at
/// a time when the buffer fills, so memory stays bounded on any list size.
final class SearchKeyBuffer: Sendable {
    /// One key: a lead's primary-number list (`kind` 0, the `numbers` column) or name key (`kind` 1).
    struct Entry: Sendable {
        var kind: Int64
        var key: String
        var seq: Int64
    }

    /// Kind of the `numbers` key.
    static let numberKind: Int64 = 0
    /// Kind of the name key.
    static let nameKind: Int64 = 1
    /// Keys held before a sorted run is written (a test lowers it to see several runs).
    @TaskLocal static var runSize = 1_000_000

    private let entries = Mutex<[Entry]>([])
    private let runSize = SearchKeyBuffer.runSize

    /// Whether a sorted run should be written now.
    var isFull: Bool { entries.withLock { $0.count >= runSize } }

    /// Adds the keys of one row: its numbers, and its name key when it has one.
    func add(numbers: String, nameKey: String?, seq: Int64) {
        entries.withLock { entries in
            entries.append(Entry(kind: Self.numberKind, key: numbers, seq: seq))
            if let nameKey, !nameKey.isEmpty { entries.append(Entry(kind: Self.nameKind, key: nameKey, seq: seq)) }
        }
    }

    /// Every key held, in the table's order (kind, key, seq), and the buffer emptied.
    func takeSorted() -> [Entry] {
        var taken = entries.withLock { entries in
            defer { entries = [] }
            return entries
        }
        taken.sort { ($0.kind, $0.key, $0.seq) < ($1.kind, $1.key, $1.seq) }
        return taken
    }
}
