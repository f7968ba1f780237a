import Foundation
import Synchronization

/// The lead search keys (``SQLCampaignStore/searchKeysTable``) of rows being written, kept in memory so they can be
/// written in key order: a B-tree filled in key order touches each page once, where one filled in the rows' order
/// (random keys) dirties a page per key in every chunk's transaction — that made a 500,000-row import 3.5× slower.
/// The import writes them before its publish (``SQLCampaignStore/writeSearchKeys(_:campaignId:)``), a sorted run at
/// a time when the buffer fills, so memory stays bounded on any list size. The key bytes live in one buffer; no
/// `String` is made per key.
final class SearchKeyBuffer: Sendable {
    /// One key: a lead's `numbers` (kind 0) or name key (kind 1), as a span of ``Keys/bytes``.
    struct Entry: Sendable {
        var kind: Int64
        var offset: Int
        var count: Int
        var seq: Int64
    }

    /// Keys and the bytes they point into.
    struct Keys: Sendable {
        var bytes: [UInt8] = []
        var entries: [Entry] = []

        /// Sorts the entries in the table's order: kind, key bytes, seq.
        mutating func sort() {
            bytes.withUnsafeBytes { base in
                entries.sort { a, b in
                    if a.kind != b.kind { return a.kind < b.kind }
                    let order = memcmp(
                        base.baseAddress! + a.offset, base.baseAddress! + b.offset, min(a.count, b.count))
                    if order != 0 { return order < 0 }
                    if a.count != b.count { return a.count < b.count }
                    return a.seq < b.seq
                }
            }
        }
    }

    /// Kind of the `numbers` key.
    static let numberKind: Int64 = 0
    /// Kind of the name key.
    static let nameKind: Int64 = 1
    /// Keys held before a sorted run is written (a test lowers it to see several runs).
    @TaskLocal static var runSize = 1_000_000

    private let keys = Mutex(Keys())
    private let runSize = SearchKeyBuffer.runSize

    /// Whether a sorted run should be written now.
    var isFull: Bool { keys.withLock { $0.entries.count >= runSize } }

    /// Adds the keys of one row: its numbers, and its name key when it has one.
    func add(numbers: UnsafeRawBufferPointer, nameKey: UnsafeRawBufferPointer, seq: Int64) {
        keys.withLock { keys in
            keys.entries.append(Entry(kind: Self.numberKind, offset: keys.bytes.count, count: numbers.count, seq: seq))
            keys.bytes.append(contentsOf: numbers)
            guard !nameKey.isEmpty else { return }
            keys.entries.append(Entry(kind: Self.nameKind, offset: keys.bytes.count, count: nameKey.count, seq: seq))
            keys.bytes.append(contentsOf: nameKey)
        }
    }

    /// Every key held, sorted in the table's order, and the buffer emptied.
    func takeSorted() -> SortedSearchKeys {
        var taken = keys.withLock { keys in
            defer { keys = Keys() }
            return keys
        }
        taken.sort()
        return SortedSearchKeys(taken)
    }
}

/// Sorted keys whose bytes stay at one address until the last statement that binds them without a copy has run.
final class SortedSearchKeys: @unchecked Sendable {
    /// The keys in the table's order.
    let entries: [SearchKeyBuffer.Entry]
    /// Their bytes (never written after the copy in `init`).
    let bytes: UnsafeMutableRawBufferPointer

    init(_ keys: SearchKeyBuffer.Keys) {
        entries = keys.entries
        bytes = .allocate(byteCount: max(keys.bytes.count, 1), alignment: 1)
        bytes.copyBytes(from: keys.bytes)
    }

    deinit { bytes.deallocate() }

    /// The key of `entry` as text.
    func text(_ entry: SearchKeyBuffer.Entry) -> String {
        String(
            decoding: UnsafeRawBufferPointer(rebasing: bytes[entry.offset..<entry.offset + entry.count]), as: UTF8.self)
    }
}
