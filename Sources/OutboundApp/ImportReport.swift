import CampaignStore
import ContactImport

/// What an import did, as text lines or as JSON (`read`, `imported`, `duplicates`, `rejected`, …).
public struct ImportReport: Sendable {
    /// Data rows read.
    public var read = 0
    /// Rows rejected (each has a line in the error file).
    public var rejected = 0
    /// Warnings (each has a line in the error file).
    public var warnings = 0
    /// What the store did with the contacts.
    public var totals = ContactImportTotals()
    /// The file's text encoding.
    public let encoding: CSVEncoding
    /// The file's delimiter.
    public let delimiter: CSVDelimiter
    /// The file's header.
    public let header: ContactHeader

    /// A report of nothing yet, for a file of this shape.
    public init(encoding: CSVEncoding, delimiter: CSVDelimiter, header: ContactHeader) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.header = header
    }

    /// The report as lines of text (`read: 3`, `imported: 2`, …).
    public var text: String {
        let delimiterName = [CSVDelimiter.comma: "comma", .semicolon: "semicolon", .tab: "tab"][delimiter] ?? ""
        var lines = [
            "file: \(encoding.rawValue), \(delimiterName)-separated, \(header.convention.rawValue)",
            "read: \(read)",
            "imported: \(totals.imported)"
                + (totals.excluded > 0 ? " (\(totals.excluded) excluded: sticky exclusion)" : ""),
            "duplicates: \(totals.duplicates)"
                + (totals.readmitted > 0 ? " (\(totals.readmitted) excluded contacts dialable again)" : ""),
            "rejected: \(rejected)",
        ]
        if warnings > 0 { lines.append("warnings: \(warnings)") }
        return lines.joined(separator: "\n")
    }

    /// The counts as one JSON object.
    public var json: String {
        let fields: [(String, Int)] = [
            ("read", read), ("imported", totals.imported), ("duplicates", totals.duplicates), ("rejected", rejected),
            ("excluded", totals.excluded), ("readmitted", totals.readmitted), ("warnings", warnings),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}
