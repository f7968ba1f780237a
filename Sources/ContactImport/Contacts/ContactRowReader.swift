import CampaignCore
import CampaignStore

/// Streams the contacts of a CSV file: reads records with ``CSVReader``, detects the column
/// layout with ``ContactHeader``, parses every phone cell with ``PhoneNumberParser`` and
/// resolves time zones with ``TimeZoneResolver``.
///
/// Each data row becomes a ``ContactRow``: a contact with at least one usable number (an
/// invalid alternate only adds a warning), or a rejection with its line, column and reason.
/// Nothing is dropped silently.
///
/// ```swift
/// let scan = try ImportLimits.standard.check(path: path)
/// var rows = try ContactRowReader(path: path, options: .init(defaultRegion: "US",
///     defaultTimeZone: "America/New_York"), metadata: metadata, scan: scan)
/// while let row = try rows.next() { … }
/// ```
public struct ContactRowReader: ~Copyable, Sendable {
    /// Import settings.
    public struct Options: Sendable, Hashable {
        /// Region for numbers written without a country code (ISO 3166-1 alpha-2, e.g. `US`).
        public var defaultRegion: String
        /// IANA zone for contacts whose zone neither a column nor the number tells.
        public var defaultTimeZone: String
        /// How to read the CSV file.
        public var csv: CSVReader.Options

        /// Creates options.
        public init(defaultRegion: String, defaultTimeZone: String, csv: CSVReader.Options = .init()) {
            self.defaultRegion = defaultRegion
            self.defaultTimeZone = defaultTimeZone
            self.csv = csv
        }
    }

    /// The detected header layout.
    public let header: ContactHeader
    /// The encoding the file was read in.
    public var encoding: CSVEncoding { reader.encoding }
    /// The delimiter in use.
    public var delimiter: CSVDelimiter { reader.delimiter }

    private var reader: CSVReader
    private let parser: PhoneNumberParser
    private let resolver: TimeZoneResolver
    private var zoneNames: ZoneNameCache
    private var ruleKeys: RuleKeyCache
    private let defaultTimeZone: String
    /// The usable numbers and the problems of the row being read (kept to reuse their memory).
    private var numbers: [(number: PhoneNumber, column: Int)] = []
    private var problems: [RowProblem] = []

    /// Opens `path` and reads its header. Pass the preflight `scan` to skip a second
    /// encoding pass.
    /// `areaCodes` decide the US state of +1 numbers (the bundled table when nil).
    public init(
        path: String, options: Options, metadata: PhoneMetadata, scan: CSVFileScan? = nil,
        areaCodes: NANPAreaCodes? = nil
    ) throws(ContactImportError) {
        let resolver = TimeZoneResolver(metadata: metadata)
        let table: NANPAreaCodes
        if let areaCodes { table = areaCodes } else { table = try NANPAreaCodes.loadBundled() }
        let jurisdictions = JurisdictionResolver(areaCodes: table)
        guard let zone = resolver.validatedZone(options.defaultTimeZone) else {
            throw .unknownTimeZone(options.defaultTimeZone)
        }
        let parser = try PhoneNumberParser(metadata: metadata, defaultRegion: options.defaultRegion)
        var csv = options.csv
        if let scan {
            csv.encoding = csv.encoding ?? scan.encoding
            csv.delimiter = csv.delimiter ?? scan.delimiter
        }
        var reader = try CSVReader(path: path, options: csv)
        guard let headerRecord = try reader.next() else { throw .emptyFile }
        let header = try ContactHeader(fields: headerRecord.fields)
        self.header = header
        self.reader = reader
        self.parser = parser
        self.resolver = resolver
        self.zoneNames = ZoneNameCache(resolver: resolver)
        self.ruleKeys = RuleKeyCache(resolver: jurisdictions)
        self.defaultTimeZone = zone
    }

    /// The next data row, or `nil` at the end of the file.
    public mutating func next() throws(ContactImportError) -> ContactRow? {
        var builder = ContactBatchBuilder(header: header, mapping: .init(), keepsNumbers: true)
        guard try next(into: &builder) else { return nil }
        return builder.row()
    }

    /// Reads the next data row into `builder`; false at the end of the file.
    mutating func next(into builder: inout ContactBatchBuilder) throws(ContactImportError) -> Bool {
        guard let line = try reader.nextFields() else { return false }
        let fields = reader.fields
        fields.withBytes { bytes in assemble(line: line, cells: RowCells(fields: fields, bytes: bytes), into: &builder)
        }
        return true
    }

    private mutating func assemble(line: Int, cells: RowCells, into builder: inout ContactBatchBuilder) {
        let width = header.names.count
        if cells.count > width, (width..<cells.count).contains(where: { !cells.isEmpty($0) }) {
            let reason = "row has \(cells.count) fields but the header has \(width)"
            builder.reject(RowProblem(line: line, column: "", reason: reason, severity: .rejected))
            return
        }
        func cell(_ index: Int) -> String { cells.string(index) }

        numbers.removeAll(keepingCapacity: true)
        problems.removeAll(keepingCapacity: true)
        for (position, column) in header.phoneColumns.enumerated() {
            let text = cell(column.index)
            if text.isEmpty { continue }
            switch parser.parse(text) {
            case .valid(let number):
                guard !numbers.contains(where: { $0.number.e164 == number.e164 }) else {
                    problems.append(
                        RowProblem(
                            line: line, column: column.name, reason: "duplicate of an earlier number in the row",
                            severity: .warning))
                    continue
                }
                numbers.append((number, position))
            case .invalid(let rejection):
                problems.append(
                    RowProblem(
                        line: line, column: column.name, reason: "\(rejection) (\(text))", severity: .warning))
            }
        }
        guard let primary = numbers.first?.number else {
            let primaryColumn = header.phoneColumns.first?.name ?? ""
            let detail =
                problems.isEmpty
                ? "no phone number given" : problems.map { "\($0.column): \($0.reason)" }.joined(separator: "; ")
            builder.reject(
                RowProblem(
                    line: line, column: primaryColumn, reason: "no usable number (\(detail))", severity: .rejected))
            return
        }
        var zones = ZoneListKey.fallback
        if let index = header.timeZoneColumn {
            let text = cell(index)
            if !text.isEmpty {
                if let zone = zoneNames.validatedZone(text) {
                    zones = .column(zone)
                } else {
                    problems.append(
                        RowProblem(
                            line: line, column: header.names[index], reason: "unknown time zone '\(text)'",
                            severity: .warning))
                }
            }
        }
        if zones == .fallback, let set = resolver.zoneSet(for: primary), !resolver.zones(inSet: set).isEmpty {
            zones = .metadata(set)
        }
        let resolver = self.resolver
        let defaultTimeZone = self.defaultTimeZone
        let rules = ruleKeys.id(for: numbers)
        let ruleKey = ruleKeys.text(of: rules)
        builder.addContact(
            sourceLine: line, numbers: numbers, zones: DialListKey(zones: zones, rules: rules),
            zoneList: {
                let (names, source): ([String], TimeZoneSource) =
                    switch zones {
                    case .metadata(let set): (resolver.zones(inSet: set), .number)
                    case .column(let zone): ([zone], .column)
                    case .fallback: ([defaultTimeZone], .default)
                    }
                return ContactBatch.ZoneList(zones: names, source: source.rawValue, ruleKey: ruleKey)
            }, warnings: problems, cells: cells)
    }
}

/// The cells of the row being read, trimmed of spaces, tabs and no-break spaces at both ends; valid while the
/// reader is on the row.
struct RowCells {
    let fields: CSVFields
    let bytes: UnsafeBufferPointer<UInt8>

    var count: Int { fields.count }

    /// Whether cell `index` is empty once trimmed (a cell past the end of the row is).
    func isEmpty(_ index: Int) -> Bool { withCell(index) { $0.isEmpty } }

    /// Cell `index` as a string.
    func string(_ index: Int) -> String { withCell(index) { String(decoding: $0, as: UTF8.self) } }

    /// Calls `body` with the UTF-8 of cell `index`.
    func withCell<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard index < fields.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let cell = UnsafeBufferPointer(rebasing: bytes[fields.range(index)])
        guard let first = cell.first, let last = cell.last else { return body(cell) }
        // The same test as `String.trimmingSpaces()`, which handles the rare cell that needs trimming.
        if first != 0x20 && first != 0x09 && first != 0xC2 && last != 0x20 && last != 0x09 && last != 0xA0 {
            return body(cell)
        }
        var trimmed = String(decoding: cell, as: UTF8.self).trimmingSpaces()
        return trimmed.withUTF8 { body($0) }
    }
}
