import Foundation

/// The error file of a campaign's last import (`line,column,reason`, as `outbound import --errors` writes it), kept
/// in the database so that any process serving the campaign can hand it out.
public struct ImportErrorFile: Sendable, Equatable {
    /// The most bytes kept: past it, the file keeps its first rows that fit (``keptRows`` of ``rowCount``).
    public static let maxBytes = 8 << 20

    /// The file's text, header line first, each line ending in CRLF.
    public var csv: String
    /// Rows (problems) the import had.
    public var rowCount: Int
    /// Rows kept in ``csv`` (fewer than ``rowCount`` when the file was cut at ``maxBytes``).
    public var keptRows: Int
    /// When the import finished.
    public var createdAt: Date

    /// A file.
    public init(csv: String, rowCount: Int, keptRows: Int, createdAt: Date) {
        self.csv = csv
        self.rowCount = rowCount
        self.keptRows = keptRows
        self.createdAt = createdAt
    }

    /// Whether rows were left out.
    public var isTruncated: Bool { keptRows < rowCount }
}

/// Where the last import's error file of each campaign is kept: one per campaign, replaced by each import.
public protocol ImportErrorStore: Sendable {
    /// Replaces the campaign's error file with `file`; nil forgets it (an import without problems).
    func replaceImportErrors(campaignId: Int64, file: ImportErrorFile?) async throws

    /// The error file of the organisation's campaign's last import; nil when it had none (or the campaign is
    /// another organisation's).
    func importErrors(orgId: Int64, campaignId: Int64) async throws -> ImportErrorFile?
}
