import CampaignStore
import Foundation

/// Keeps an import's error file in the database (``ImportErrorStore``), where every process serving the campaign
/// finds it: each import of a campaign replaces the one before, an import without problems leaves none. A file past
/// ``ImportErrorFile/maxBytes`` keeps its first rows that fit, cut at a line end.
public enum ImportErrorArchive {
    /// Stores the error file at `path` (written by an import of `campaignId` that had `rowCount` problems) as the
    /// campaign's last; forgets the campaign's file when `rowCount` is 0 or there is no file.
    public static func keep(
        path: String?, rowCount: Int, campaignId: Int64, store: some ImportErrorStore, now: Date,
        maxBytes: Int = ImportErrorFile.maxBytes
    ) async throws {
        let file = rowCount > 0 ? path.flatMap { read($0, rowCount: rowCount, now: now, maxBytes: maxBytes) } : nil
        try await store.replaceImportErrors(campaignId: campaignId, file: file)
    }

    /// The file at `path`, at most `maxBytes` of it, cut after its last whole line.
    static func read(_ path: String, rowCount: Int, now: Date, maxBytes: Int) -> ImportErrorFile? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard var bytes = try? handle.read(upToCount: maxBytes + 1).map(Array.init) else { return nil }
        if bytes.count > maxBytes {
            bytes.removeLast(bytes.count - maxBytes)
            while let last = bytes.last, last != UInt8(ascii: "\n") { bytes.removeLast() }
        }
        let lines = bytes.lazy.filter { $0 == UInt8(ascii: "\n") }.count
        let kept = min(rowCount, max(0, lines - 1))
        return ImportErrorFile(
            csv: String(decoding: bytes, as: UTF8.self), rowCount: max(rowCount, kept), keptRows: kept, createdAt: now)
    }
}
