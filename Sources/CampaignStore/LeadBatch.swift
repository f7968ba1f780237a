/// The lead rows of one multi-row insert, handed between the import's sink (which fills them) and the task that
/// inserts them (which hands the batch back once written). The two never touch a batch at once (hence
/// `@unchecked Sendable`). The rows live in one ``LeadRows`` value, reached once per row or per insert rather than
/// once per byte: every access to a class's stored property is checked for exclusivity at run time.
final class LeadBatch: @unchecked Sendable {
    private var rows = LeadRows()

    var count: Int { rows.count }

    /// Empties the batch, keeping its memory.
    func removeAll() { rows.removeAll() }

    /// Lets `body` add rows.
    func fill<T>(_ body: (inout LeadRows) throws -> T) rethrows -> T { try body(&rows) }

    /// Lets `body` read the rows.
    func read<T>(_ body: (borrowing LeadRows) throws -> T) rethrows -> T { try body(rows) }
}

/// Lead rows for one insert: three integers per row, and every text of the batch written once into one byte buffer
/// that SQLite binds in place (no `String` per value, no copy per bind).
struct LeadRows: ~Copyable {
    /// Texts per row: numbers, timezone_source, variables, status, number_variables, number_types, name_key.
    static let textsPerRow = 7

    private var bytes: UnsafeMutableRawPointer
    private var capacity: Int
    private var byteCount = 0
    /// Where each text ends in `bytes`; it starts where the one before it ended.
    private var ends: [Int] = []
    private(set) var seqs: [Int64] = []
    private(set) var sourceLines: [Int64] = []
    /// The `variable_layouts` id of each row's variables; nil when the row has none.
    private(set) var layoutIds: [Int64?] = []
    /// The `zone_keys` id of each row's candidate zones.
    private(set) var zoneIds: [Int64] = []

    var count: Int { seqs.count }

    init(capacity: Int = 1 << 18) {
        self.capacity = capacity
        bytes = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
    }

    deinit { bytes.deallocate() }

    /// Empties the rows, keeping their memory.
    mutating func removeAll() {
        byteCount = 0
        ends.removeAll(keepingCapacity: true)
        seqs.removeAll(keepingCapacity: true)
        sourceLines.removeAll(keepingCapacity: true)
        layoutIds.removeAll(keepingCapacity: true)
        zoneIds.removeAll(keepingCapacity: true)
    }

    /// Starts a row; its texts follow, each closed by ``endText()``.
    mutating func beginRow(seq: Int64, sourceLine: Int, layoutId: Int64?, zoneId: Int64) {
        seqs.append(seq)
        sourceLines.append(Int64(sourceLine))
        layoutIds.append(layoutId)
        zoneIds.append(zoneId)
    }

    /// Closes the text being written.
    mutating func endText() { ends.append(byteCount) }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        bytes.storeBytes(of: byte, toByteOffset: byteCount, as: UInt8.self)
        byteCount += 1
    }

    mutating func append(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0)) }
        if done == nil { for byte in text.utf8 { append(byte) } }
    }

    mutating func append(_ raw: UnsafeRawBufferPointer) {
        guard let source = raw.baseAddress, !raw.isEmpty else { return }
        reserve(raw.count)
        (bytes + byteCount).copyMemory(from: source, byteCount: raw.count)
        byteCount += raw.count
    }

    /// `text` as a JSON string: quoted, with `"`, `\` and control characters escaped (RFC 8259).
    mutating func appendJSONString(_ text: String) {
        var text = text
        text.withUTF8 { appendJSONString(UnsafeRawBufferPointer($0)) }
    }

    /// The same for UTF-8 bytes.
    mutating func appendJSONString(_ utf8: UnsafeRawBufferPointer) {
        append(UInt8(ascii: "\""))
        if !utf8.contains(where: Self.needsEscape) {
            append(utf8)
        } else {
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    append(UInt8(ascii: "\\"))
                    append(byte)
                case UInt8(ascii: "\n"): append(#"\n"#)
                case UInt8(ascii: "\r"): append(#"\r"#)
                case UInt8(ascii: "\t"): append(#"\t"#)
                case 0..<0x20:
                    append(#"\u00"#)
                    append(Self.hexDigits[Int(byte >> 4)])
                    append(Self.hexDigits[Int(byte & 0xF)])
                default: append(byte)
                }
            }
        }
        append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The bytes of text `field` of row `row`; valid until the batch changes.
    func text(row: Int, field: Int) -> UnsafeRawBufferPointer {
        let index = row * Self.textsPerRow + field
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeRawBufferPointer(start: bytes + start, count: ends[index] - start)
    }

    /// The same as a string (the SQLKit path and tests).
    func string(row: Int, field: Int) -> String { String(decoding: text(row: row, field: field), as: UTF8.self) }

    private mutating func reserve(_ extra: Int) {
        guard byteCount + extra > capacity else { return }
        let grown = max(capacity * 2, byteCount + extra)
        let moved = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 1)
        moved.copyMemory(from: bytes, byteCount: byteCount)
        bytes.deallocate()
        bytes = moved
        capacity = grown
    }
}
