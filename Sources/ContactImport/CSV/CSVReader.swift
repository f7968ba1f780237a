/// A streaming RFC 4180 CSV reader that works on bytes and reads its file in fixed-size
/// chunks, so memory stays at about one chunk plus the longest record whatever the file size.
///
/// It accepts UTF-8 with or without a byte-order mark, falls back to Windows-1252 for files
/// that are not valid UTF-8 (see ``encoding``), treats CRLF, LF and a lone CR as line ends,
/// and follows the quoting rules of Python's `csv` module: a field is quoted only when it
/// starts with `"`; inside quotes `""` is a quote and delimiters and line ends are data; a
/// quote inside an unquoted field is data; text after a closing quote joins the field.
/// Blank lines are skipped. A quote still open at the end of the file is an error.
///
/// ```swift
/// var reader = try CSVReader(path: "contacts.csv")
/// while let record = try reader.next() { print(record.line, record.fields) }
/// ```
public struct CSVReader: ~Copyable, Sendable {
    /// How to read the file.
    public struct Options: Sendable, Hashable {
        /// The delimiter; `nil` sniffs it from the header line.
        public var delimiter: CSVDelimiter?
        /// The encoding; `nil` checks the file for UTF-8 first (one extra fast pass).
        public var encoding: CSVEncoding?
        /// Bytes read per chunk.
        public var chunkSize: Int

        /// Creates options; the defaults sniff everything and read 1 MiB at a time.
        public init(delimiter: CSVDelimiter? = nil, encoding: CSVEncoding? = nil, chunkSize: Int = 1 << 20) {
            self.delimiter = delimiter
            self.encoding = encoding
            self.chunkSize = max(chunkSize, 16)
        }
    }

    /// The encoding the file is read in.
    public let encoding: CSVEncoding
    /// The delimiter in use.
    public private(set) var delimiter: CSVDelimiter

    private let file: FileChunkSource
    private let chunkSize: Int
    private var sniffDelimiter: Bool
    private var buffer: [UInt8] = []
    private var raw: [UInt8] = []
    private var position = 0
    private var limit = 0
    private var reachedEnd = false
    private var startedReading = false
    private var line = 1
    /// The fields of the record read last, reused for every record: once the caller has let go of the previous
    /// record's fields, their storage is unique again and a record costs no allocation.
    private(set) var fields = CSVFields()

    /// Opens the file at `path`.
    public init(path: String, options: Options = Options()) throws(ContactImportError) {
        var encoding = CSVEncoding.utf8
        if let given = options.encoding {
            encoding = given
        } else {
            encoding = try CSVFileScan.scan(path: path, chunkSize: options.chunkSize).encoding
        }
        let file = try FileChunkSource(path: path)
        self.file = file
        self.encoding = encoding
        self.delimiter = options.delimiter ?? .comma
        self.sniffDelimiter = options.delimiter == nil
        self.chunkSize = options.chunkSize
    }

    /// The next record, or `nil` at the end of the file.
    public mutating func next() throws(ContactImportError) -> CSVRecord? {
        guard let line = try nextFields() else { return nil }
        return CSVRecord(line: line, fields: fields.strings)
    }

    /// Reads the next record into ``fields``; returns the line it starts on, or `nil` at the end of the file.
    mutating func nextFields() throws(ContactImportError) -> Int? {
        if !startedReading { try start() }
        while true {
            let step = buffer.withUnsafeBufferPointer { all in
                CSVRecordParser.parse(
                    UnsafeBufferPointer(rebasing: all[0..<limit]), from: position, delimiter: delimiter.rawValue,
                    atEnd: reachedEnd, fields: &fields)
            }
            switch step {
            case .record(let end, let newlines):
                let recordLine = line
                line += newlines
                position = end
                return recordLine
            case .blankLine(let end):
                line += 1
                position = end
            case .needMore:
                try refill()
            case .endOfInput:
                return nil
            case .unterminatedQuote(let column):
                throw .unterminatedQuote(line: line, column: column)
            }
        }
    }

    private mutating func start() throws(ContactImportError) {
        startedReading = true
        try refill()
        if encoding == .utf8 && limit >= 3 && buffer[0..<3].elementsEqual(CSVByte.byteOrderMark) {
            position = 3
        }
        if sniffDelimiter {
            delimiter = CSVDelimiter.sniff(headerBytes: buffer[position..<limit])
        }
    }

    /// Keeps the unparsed tail, then appends the next chunk (transcoded when needed).
    private mutating func refill() throws(ContactImportError) {
        if position > 0 {
            let tail = limit - position
            buffer.withUnsafeMutableBufferPointer { bytes in
                guard tail > 0, let base = bytes.baseAddress else { return }
                (base).update(from: base + position, count: tail)
            }
            limit = tail
            position = 0
        }
        let growth = encoding == .utf8 ? chunkSize : chunkSize * 3
        if buffer.count - limit < growth {
            buffer.append(contentsOf: repeatElement(0, count: growth - (buffer.count - limit)))
        }
        switch encoding {
        case .utf8:
            let count = try file.read(into: &buffer, at: limit, count: chunkSize)
            if count == 0 { reachedEnd = true } else { limit += count }
        case .windows1252:
            if raw.count < chunkSize { raw = [UInt8](repeating: 0, count: chunkSize) }
            let count = try file.read(into: &raw, at: 0, count: chunkSize)
            if count == 0 {
                reachedEnd = true
            } else {
                limit = raw.withUnsafeBufferPointer { bytes in
                    Windows1252.transcode(UnsafeBufferPointer(rebasing: bytes[0..<count]), into: &buffer, at: limit)
                }
            }
        }
    }
}
