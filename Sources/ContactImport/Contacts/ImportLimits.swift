/// The size limits of one contact file (SPEC §2: 100 MB or 500,000 rows), checked before
/// anything is written.
public struct ImportLimits: Sendable, Hashable {
    /// Largest accepted file, in bytes.
    public var maxBytes: Int
    /// Most accepted data rows (the header not counted).
    public var maxRows: Int

    /// 100 MB (100 × 1024 × 1024 bytes) and 500,000 rows.
    public static let standard = ImportLimits(maxBytes: 100 * 1024 * 1024, maxRows: 500_000)

    /// Creates limits.
    public init(maxBytes: Int, maxRows: Int) {
        self.maxBytes = maxBytes
        self.maxRows = maxRows
    }

    /// Checks the file at `path`: its size first (without reading it), then its encoding and
    /// row count in one fast pass. Returns the scan so the import can reuse it.
    public func check(path: String) throws(ContactImportError) -> CSVFileScan {
        let bytes = try FileChunkSource(path: path).size()
        guard bytes <= maxBytes else { throw .fileTooLarge(bytes: bytes, limit: maxBytes) }
        let scan = try CSVFileScan.scan(path: path)
        guard scan.dataRowCount <= maxRows else { throw .tooManyRows(rows: scan.dataRowCount, limit: maxRows) }
        return scan
    }
}
