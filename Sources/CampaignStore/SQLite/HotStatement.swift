import SQLKit
import SQLiteNIO
import Synchronization

/// A statement on the dialling hot path: its text with a `?` per value, and the typed values, so it can be bound
/// directly as `SQLiteData` on SQLite (SQLKit's `Encodable` binding costs more than SQLite's own work there) and
/// rendered through SQLKit's binds on any other database. Literal pieces never contain `?` themselves.
///
/// A statement may carry one list of rows (``rows(_:parenthesized:)``) whose result is the union of running it
/// over any split of them — `INSERT … VALUES`, `WITH v AS (VALUES …) UPDATE …`, `… IN (…)`. It runs as chunks of
/// power-of-two sizes, so a handful of statement texts, prepared once, serve every batch size.
struct HotStatement {
    enum Value {
        case integer(Int64)
        case text(String)
        case null
    }

    private var head = ""
    private var headValues: [Value] = []
    private var tail = ""
    private var tailValues: [Value] = []
    private var rowList: (rows: [[Value]], parenthesized: Bool)?

    /// The largest chunk of rows one statement binds.
    static let largestChunk = 256

    init(_ literal: String = "") {
        assert(!literal.contains("?"), "a literal piece holds a placeholder")
        head = literal
    }

    mutating func append(_ literal: String) {
        assert(!literal.contains("?"), "a literal piece holds a placeholder")
        if rowList == nil { head += literal } else { tail += literal }
    }

    mutating func bind(_ value: Int64) { add(.integer(value)) }
    mutating func bind(_ value: String) { add(.text(value)) }

    private mutating func add(_ value: Value) {
        if rowList == nil {
            head += "?"
            headValues.append(value)
        } else {
            tail += "?"
            tailValues.append(value)
        }
    }

    /// Values bound in order as one `(?, ?, …)`; part of the statement's fixed text, never split.
    mutating func tuple(_ row: [Value]) {
        append("(")
        for (index, value) in row.enumerated() {
            if index > 0 { append(", ") }
            add(value)
        }
        append(")")
    }

    /// The statement's splittable rows: `(?, ?), (?, ?)`, or `?, ?` for single values when not parenthesized.
    mutating func rows(_ rows: [[Value]], parenthesized: Bool = true) {
        precondition(rowList == nil, "a hot statement has one splittable row list")
        rowList = (rows, parenthesized)
    }

    /// Whether the statement has a row list with no rows (and so nothing to run).
    var hasNoRows: Bool { rowList?.rows.isEmpty ?? false }

    /// The statements to run: one, or one per chunk of the row list.
    var chunks: [(text: String, values: [Value])] {
        guard let rowList, !rowList.rows.isEmpty else { return [(head + tail, headValues + tailValues)] }
        var result: [(text: String, values: [Value])] = []
        var start = 0
        while start < rowList.rows.count {
            let remaining = rowList.rows.count - start
            var size = Self.largestChunk
            while size > remaining { size /= 2 }
            let chunk = rowList.rows[start..<start + size]
            var values = headValues
            for row in chunk { values += row }
            values += tailValues
            result.append(
                (
                    head + Self.placeholders(rows: size, width: chunk.first?.count ?? 0, rowList.parenthesized)
                        + tail, values
                ))
            start += size
        }
        return result
    }

    private static func placeholders(rows: Int, width: Int, _ parenthesized: Bool) -> String {
        let key = PlaceholderShape(rows: rows, width: width, parenthesized: parenthesized)
        if let cached = placeholderCache.withLock({ $0[key] }) { return cached }
        let row = parenthesized ? "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")" : "?"
        let text = Array(repeating: row, count: rows).joined(separator: ", ")
        placeholderCache.withLock { $0[key] = text }
        return text
    }

    private struct PlaceholderShape: Hashable {
        let rows: Int
        let width: Int
        let parenthesized: Bool
    }

    /// Placeholder lists by shape: a few dozen at most (chunk sizes are powers of two).
    private static let placeholderCache = Mutex<[PlaceholderShape: String]>([:])

    static func sqliteBinds(_ values: [Value]) -> [SQLiteData] {
        values.map { value in
            switch value {
            case .integer(let number): .integer(Int(number))
            case .text(let string): .text(string)
            case .null: .null
            }
        }
    }

    static func sqlKit(_ text: String, _ values: [Value]) -> SQLQueryString {
        var query = SQLQueryString("")
        for (index, literal) in text.split(separator: "?", omittingEmptySubsequences: false).enumerated() {
            if index > 0 {
                switch values[index - 1] {
                case .integer(let number): query += "\(bind: number)"
                case .text(let string): query += "\(bind: string)"
                case .null: query += "NULL"
                }
            }
            query += SQLQueryString(String(literal))
        }
        return query
    }
}

/// A result row of a hot statement: the requested columns' integers and texts, in the order they were asked for.
struct HotRow {
    private let columns: [String]
    private let values: [HotStatement.Value]

    /// Reads `columns` off the cursor; `positions` are their indexes in the statement's result.
    init(cursor: borrowing SQLiteCursor, columns: [String], positions: [Int?]) {
        self.columns = columns
        values = positions.map { position in
            guard let position, !cursor.isNull(at: position) else { return .null }
            return cursor.isInteger(at: position)
                ? .integer(cursor.integer(at: position)) : .text(cursor.text(at: position))
        }
    }

    init(sql row: any SQLRow, columns: [String]) throws {
        self.columns = columns
        values = columns.map { name in
            if let value = try? row.decode(column: name, as: Int64.self) { return .integer(value) }
            if let value = try? row.decode(column: name, as: String.self) { return .text(value) }
            return .null
        }
    }

    func value(_ name: String) -> HotStatement.Value {
        columns.firstIndex(of: name).map { values[$0] } ?? .null
    }

    func integer(_ name: String) throws -> Int64 {
        guard case .integer(let value) = value(name) else {
            throw StoreError.database("column \(name) is not an integer")
        }
        return value
    }

    func int(_ name: String) throws -> Int { Int(try integer(name)) }

    /// The column's integer, nil when it is NULL.
    func optionalInteger(_ name: String) throws -> Int64? {
        if case .null = value(name) { return nil }
        return try integer(name)
    }

    /// The column's text, nil when it is NULL.
    func optionalText(_ name: String) throws -> String? {
        if case .null = value(name) { return nil }
        return try text(name)
    }

    func text(_ name: String) throws -> String {
        guard case .text(let value) = value(name) else { throw StoreError.database("column \(name) is not text") }
        return value
    }
}

extension SQLCampaignStore {
    /// Runs a hot statement on the connection (inside whatever transaction is open) and reads `columns` back.
    func run(_ statement: HotStatement, _ db: any SQLDatabase, columns: [String] = []) async throws -> [HotRow] {
        guard !statement.hasNoRows else { return [] }
        var rows: [HotRow] = []
        for (text, values) in statement.chunks {
            guard let handle = sqliteHandle else {
                let query = HotStatement.sqlKit(text, values)
                rows += try await db.raw(query).all().map { try HotRow(sql: $0, columns: columns) }
                continue
            }
            var positions: [Int?]?
            try await handle.execute(text, HotStatement.sqliteBinds(values)) { cursor in
                if positions == nil {
                    let names = (0..<cursor.columnCount).map { cursor.name(at: $0) }
                    positions = columns.map { names.firstIndex(of: $0) }
                }
                rows.append(HotRow(cursor: cursor, columns: columns, positions: positions ?? []))
            }
        }
        return rows
    }
}
