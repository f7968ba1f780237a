import ContactImport

/// What the importer makes of a contact file's start, before any campaign is involved: its encoding, delimiter, the
/// column convention its header follows (SPEC §2) and the columns it reads as numbers and variables. The wizard
/// shows it as soon as a file is chosen; the header is read by the same code as an import, so a header the import
/// would refuse is refused here with the same words.
public struct ContactFilePreview: Sendable, Equatable {
    /// The file's text encoding.
    public let encoding: CSVEncoding
    /// The file's delimiter.
    public let delimiter: CSVDelimiter
    /// The detected header.
    public let header: ContactHeader

    /// The preview of the file at `path` (its first line is enough); ``ImportJobError/header(source:_:)`` names
    /// `source` when the header is refused (no phone column, a column twice).
    public static func read(path: String, source: String) throws(ImportJobError) -> ContactFilePreview {
        do throws(ContactImportError) {
            var reader = try CSVReader(path: path)
            guard let record = try reader.next() else { throw .emptyFile }
            let header = try ContactHeader(fields: record.fields)
            return ContactFilePreview(encoding: reader.encoding, delimiter: reader.delimiter, header: header)
        } catch {
            throw .header(source: source, error)
        }
    }

    /// The delimiter's name: `comma`, `semicolon` or `tab`.
    public var delimiterName: String {
        [CSVDelimiter.comma: "comma", .semicolon: "semicolon", .tab: "tab"][delimiter] ?? "comma"
    }
}
