/// The byte-level state machine behind ``CSVReader``: parses one record from a buffer.
///
/// When the buffer ends before the record does, it answers ``Step/needMore`` and the reader
/// parses the record again from its start once more bytes are in; that costs a re-scan of
/// one record per chunk and keeps the parser free of saved state.
enum CSVRecordParser {
    enum Step: Equatable {
        /// A record ends at `end`, after `newlines` line ends (quoted ones included).
        case record(end: Int, newlines: Int)
        /// An empty line ends at `end`.
        case blankLine(end: Int)
        /// The buffer ends inside the record.
        case needMore
        /// Nothing is left.
        case endOfInput
        /// The file ends inside the quoted field `column` (1-based).
        case unterminatedQuote(column: Int)
    }

    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        delimiter: UInt8,
        atEnd: Bool,
        fields: inout CSVFields
    ) -> Step {
        let count = bytes.count
        let quote = CSVByte.quote
        let lineFeed = CSVByte.lineFeed
        let carriageReturn = CSVByte.carriageReturn
        guard start < count else { return atEnd ? .endOfInput : .needMore }
        if bytes[start] == lineFeed || bytes[start] == carriageReturn {
            guard let end = lineEnd(bytes, at: start, atEnd: atEnd) else { return .needMore }
            return .blankLine(end: end)
        }
        fields.removeAll()
        var newlines = 0
        var index = start

        func finish(at end: Int) -> Step {
            guard let after = lineEnd(bytes, at: end, atEnd: atEnd) else { return .needMore }
            return .record(end: after, newlines: newlines + 1)
        }

        while true {
            if index == count {
                guard atEnd else { return .needMore }
                fields.endField()
                return .record(end: index, newlines: newlines)
            }
            if bytes[index] != quote {
                var end = index
                while end < count {
                    let byte = bytes[end]
                    if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
                    end += 1
                }
                if end == count && !atEnd { return .needMore }
                fields.append(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                fields.endField()
                if end == count { return .record(end: end, newlines: newlines) }
                if bytes[end] == delimiter {
                    index = end + 1
                    continue
                }
                return finish(at: end)
            }
            var segment = index + 1
            while true {
                var close = segment
                while close < count && bytes[close] != quote {
                    let byte = bytes[close]
                    if byte == lineFeed {
                        newlines += 1
                    } else if byte == carriageReturn {
                        if close + 1 < count {
                            if bytes[close + 1] != lineFeed { newlines += 1 }
                        } else if atEnd {
                            newlines += 1
                        } else {
                            return .needMore
                        }
                    }
                    close += 1
                }
                if close == count { return atEnd ? .unterminatedQuote(column: fields.count + 1) : .needMore }
                fields.append(UnsafeBufferPointer(rebasing: bytes[segment..<close]))
                if close + 1 == count {
                    guard atEnd else { return .needMore }
                    fields.endField()
                    return .record(end: count, newlines: newlines)
                }
                let next = bytes[close + 1]
                if next == quote {
                    fields.append(quote)
                    segment = close + 2
                    continue
                }
                var end = close + 1
                if next != delimiter && next != lineFeed && next != carriageReturn {
                    while end < count {
                        let byte = bytes[end]
                        if byte == delimiter || byte == lineFeed || byte == carriageReturn { break }
                        end += 1
                    }
                    if end == count && !atEnd { return .needMore }
                    fields.append(UnsafeBufferPointer(rebasing: bytes[(close + 1)..<end]))
                }
                fields.endField()
                if end == count { return .record(end: end, newlines: newlines) }
                if bytes[end] == delimiter {
                    index = end + 1
                    break
                }
                return finish(at: end)
            }
        }
    }

    /// The offset after the line end at `index` (CRLF counts as one), or `nil` when a CR
    /// ends the buffer and the next chunk may hold its LF.
    private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, atEnd: Bool) -> Int? {
        guard bytes[index] == CSVByte.carriageReturn else { return index + 1 }
        if index + 1 < bytes.count { return bytes[index + 1] == CSVByte.lineFeed ? index + 2 : index + 1 }
        return atEnd ? index + 1 : nil
    }
}

/// The fields of one record, unquoted, in one byte buffer (a field costs no allocation of its own); valid until the
/// reader reads the next record.
struct CSVFields: Sendable {
    private var bytes: [UInt8] = []
    /// Where each field ends in `bytes`; it starts where the one before it ended.
    private var ends: [Int] = []

    var count: Int { ends.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Adds bytes to the field being read.
    mutating func append(_ part: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: part) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// Closes the field being read.
    mutating func endField() { ends.append(bytes.count) }

    /// Where field `index` lies in the bytes that ``withBytes(_:)`` gives.
    func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }

    /// Calls `body` with the bytes of every field.
    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer(body)
    }

    /// Every field as a string.
    var strings: [String] {
        withBytes { all in
            (0..<count).map { String(decoding: UnsafeBufferPointer(rebasing: all[range($0)]), as: UTF8.self) }
        }
    }
}
