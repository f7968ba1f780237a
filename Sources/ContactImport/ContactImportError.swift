import CampaignCore

/// Every failure the ContactImport module reports, with the context needed to act on it.
///
/// Per-row problems (a bad phone number, a ragged row) are not errors: they are returned as
/// ``RowProblem`` values so that an import can go on. These cases stop a whole file.
public enum ContactImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadableFile(path: String, reason: String)
    /// The file is larger than ``ImportLimits/maxBytes``.
    case fileTooLarge(bytes: Int, limit: Int)
    /// The file has more data rows than ``ImportLimits/maxRows``.
    case tooManyRows(rows: Int, limit: Int)
    /// The file is neither UTF-8 nor Windows-1252 text.
    case unsupportedEncoding(byteOffset: Int, reason: String)
    /// A quoted field was still open at the end of the file.
    case unterminatedQuote(line: Int, column: Int)
    /// The file has no header line.
    case emptyFile
    /// The header names no phone column of any supported convention.
    case missingPhoneColumn(header: [String])
    /// The header follows a convention but lacks one of its required columns.
    case missingRequiredColumn(name: String, convention: String)
    /// Two header cells normalise to the same name.
    case duplicateColumn(name: String, columns: [Int])
    /// A region code that the phone metadata does not know.
    case unknownRegion(String)
    /// A time-zone identifier that Foundation does not know.
    case unknownTimeZone(String)
    /// The bundled phone metadata is missing or malformed.
    case metadataUnavailable(reason: String)
    /// A metadata pattern uses syntax outside the supported subset.
    case invalidPattern(pattern: String, offset: Int, reason: String)
    /// The bundled NANP area-code table is missing or malformed.
    case areaCodesUnavailable(reason: String)
    /// A compliance rules file was read but its rules are invalid.
    case invalidComplianceRules(path: String, error: ComplianceRulesError)

    /// A one-line, operator-facing explanation.
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .fileTooLarge(let bytes, let limit):
            return "file is \(bytes) bytes; the limit is \(limit) bytes (100 MB)"
        case .tooManyRows(let rows, let limit):
            return "file has \(rows) data rows; the limit is \(limit) rows"
        case .unsupportedEncoding(let offset, let reason):
            return "unsupported text encoding at byte \(offset): \(reason); save the file as CSV UTF-8"
        case .unterminatedQuote(let line, let column):
            return "line \(line), column \(column): quoted field is never closed (missing \")"
        case .emptyFile:
            return "the file is empty: expected a header line"
        case .missingPhoneColumn(let header):
            let shown = header.prefix(10).joined(separator: ", ")
            return "no phone column in the header (\(shown)): expected phone_number or name + phone1"
        case .missingRequiredColumn(let name, let convention):
            return "the header uses the \(convention) convention but has no \(name) column"
        case .duplicateColumn(let name, let columns):
            let list = columns.map(String.init).joined(separator: " and ")
            return "columns \(list) both map to \(name)"
        case .unknownRegion(let region):
            return "unknown region code \(region)"
        case .unknownTimeZone(let zone):
            return "unknown time zone \(zone)"
        case .metadataUnavailable(let reason):
            return "phone metadata unavailable: \(reason)"
        case .invalidPattern(let pattern, let offset, let reason):
            return "unsupported pattern syntax at \(offset) in \(pattern): \(reason)"
        case .areaCodesUnavailable(let reason):
            return "NANP area-code table unavailable: \(reason)"
        case .invalidComplianceRules(let path, let error):
            return "\(path): \(error)"
        }
    }
}
