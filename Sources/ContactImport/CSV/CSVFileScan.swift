#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fast pass over a CSV file that measures it before anything is imported: its size, its
/// encoding, its delimiter and how many records it holds (counting record boundaries outside
/// quotes, with the same rules as ``CSVReader``).
public struct CSVFileScan: Sendable, Hashable {
    /// Size of the file in bytes.
    public let byteCount: Int
    /// Non-blank records, the header included.
    public let recordCount: Int
    /// The encoding the file will be read in.
    public let encoding: CSVEncoding
    /// The delimiter sniffed from the header line.
    public let delimiter: CSVDelimiter

    /// Records after the header.
    public var dataRowCount: Int { max(0, recordCount - 1) }

    /// Scans the file at `path` in chunks of `chunkSize` bytes.
    ///
    /// Throws ``ContactImportError/unsupportedEncoding(byteOffset:reason:)`` for UTF-16 files,
    /// files with NUL bytes, and files that are neither UTF-8 nor Windows-1252.
    public static func scan(path: String, chunkSize: Int = 1 << 20) throws(ContactImportError) -> CSVFileScan {
        let file = try FileChunkSource(path: path)
        let byteCount = try file.size()
        var buffer = [UInt8](repeating: 0, count: max(chunkSize, 64))
        var validator = UTF8Validator()
        var counter = RecordCounter()
        var delimiter: CSVDelimiter?
        var firstUndefined1252: Int?
        var offset = 0
        while true {
            let count = try file.read(into: &buffer, at: 0, count: buffer.count)
            if count == 0 { break }
            try buffer.withUnsafeBufferPointer { (all) throws(ContactImportError) in
                let chunk = UnsafeBufferPointer(rebasing: all[0..<count])
                if offset == 0 {
                    if count >= 2 && ((chunk[0] == 0xFF && chunk[1] == 0xFE) || (chunk[0] == 0xFE && chunk[1] == 0xFF))
                    {
                        throw .unsupportedEncoding(byteOffset: 0, reason: "the file is UTF-16")
                    }
                    let hasBOM = chunk.starts(with: CSVByte.byteOrderMark)
                    delimiter = CSVDelimiter.sniff(headerBytes: chunk.dropFirst(hasBOM ? 3 : 0))
                    counter.delimiter = delimiter!.rawValue
                }
                if let base = chunk.baseAddress, let zero = memchr(base, 0, count) {
                    let zeroOffset = UnsafeRawPointer(zero) - UnsafeRawPointer(base)
                    throw .unsupportedEncoding(
                        byteOffset: offset + zeroOffset, reason: "NUL byte (a UTF-16 or binary file?)")
                }
                _ = validator.consume(chunk)
                if firstUndefined1252 == nil, let bad = Windows1252.firstUndefinedByte(in: chunk) {
                    firstUndefined1252 = offset + bad
                }
                counter.consume(chunk)
            }
            offset += count
        }
        var encoding = CSVEncoding.utf8
        if !validator.isComplete {
            if let bad = firstUndefined1252 {
                throw .unsupportedEncoding(byteOffset: bad, reason: "neither UTF-8 nor Windows-1252 text")
            }
            encoding = .windows1252
        }
        return CSVFileScan(
            byteCount: byteCount, recordCount: counter.records, encoding: encoding, delimiter: delimiter ?? .comma)
    }
}

/// Counts records with the reader's quoting rules, without building fields.
struct RecordCounter: Sendable {
    private enum State { case recordStart, fieldStart, unquoted, quoted, quoteInQuoted }

    var delimiter: UInt8 = CSVDelimiter.comma.rawValue
    private(set) var records = 0
    private var state = State.recordStart

    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) {
        let quote = CSVByte.quote
        let delimiter = self.delimiter
        var state = self.state
        var records = self.records
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            index += 1
            let isNewline = byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn
            switch state {
            case .recordStart:
                if isNewline { continue }
                records += 1
                state = byte == quote ? .quoted : (byte == delimiter ? .fieldStart : .unquoted)
            case .fieldStart:
                state =
                    byte == quote ? .quoted : (byte == delimiter ? .fieldStart : (isNewline ? .recordStart : .unquoted))
            case .unquoted:
                if byte == delimiter {
                    state = .fieldStart
                } else if isNewline {
                    state = .recordStart
                } else {
                    index = ByteWords.skip(
                        bytes, from: index, whileNoneOf: delimiter, CSVByte.lineFeed, CSVByte.carriageReturn)
                    while index < count {
                        let next = bytes[index]
                        if next == delimiter || next == CSVByte.lineFeed || next == CSVByte.carriageReturn { break }
                        index += 1
                    }
                }
            case .quoted:
                if byte == quote {
                    state = .quoteInQuoted
                } else {
                    index = ByteWords.skip(bytes, from: index, whileNoneOf: quote, quote, quote)
                    while index < count && bytes[index] != quote { index += 1 }
                }
            case .quoteInQuoted:
                state =
                    byte == quote ? .quoted : (byte == delimiter ? .fieldStart : (isNewline ? .recordStart : .unquoted))
            }
        }
        self.state = state
        self.records = records
    }
}
