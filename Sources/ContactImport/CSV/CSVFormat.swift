/// The field separator of a CSV file.
public enum CSVDelimiter: UInt8, Sendable, Hashable, CaseIterable {
    /// `,`
    case comma = 0x2C
    /// `;` (spreadsheets in locales that write decimals with a comma).
    case semicolon = 0x3B
    /// A tab character.
    case tab = 0x09

    /// The delimiter as a character.
    public var character: Character { Character(UnicodeScalar(rawValue)) }

    /// Picks the delimiter of a header line: the most frequent of `,` `;` and tab outside
    /// quotes (ties go to that order), `,` when none appears.
    public static func sniff(headerBytes bytes: some Sequence<UInt8>) -> CSVDelimiter {
        var counts: [CSVDelimiter: Int] = [:]
        var inQuotes = false
        for byte in bytes {
            if byte == CSVByte.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn { break }
                if let delimiter = CSVDelimiter(rawValue: byte) { counts[delimiter, default: 0] += 1 }
            }
        }
        var best = CSVDelimiter.comma
        for candidate in allCases where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return best
    }
}

/// The text encoding a CSV file was read in.
public enum CSVEncoding: String, Sendable, Hashable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "UTF-8"
    /// Windows-1252 (what Excel writes as "CSV" on Western-locale Windows), used when the
    /// file is not valid UTF-8.
    case windows1252 = "Windows-1252"
}

/// One record of a CSV file.
public struct CSVRecord: Sendable, Hashable {
    /// The physical line of the file on which the record starts (the header is line 1).
    public let line: Int
    /// The fields, unquoted.
    public let fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// Byte values the CSV code compares against.
enum CSVByte {
    static let quote: UInt8 = 0x22
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
