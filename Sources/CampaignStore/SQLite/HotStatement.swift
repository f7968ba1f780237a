import SQLKit
import SQLiteNIO

/// A statement on the dialling hot path, kept as literal pieces and typed values so it can be bound directly as
/// `SQLiteData` on SQLite (SQLKit's `Encodable` binding costs more than SQLite's own work there) and rendered
/// through SQLKit's binds on any other database.
struct HotStatement {
    enum Value {
        case integer(Int64)
        case text(String)
        case null
    }

    private enum Piece {
        case literal(String)
        case value(Value)
    }

    private var pieces: [Piece] = []

    init(_ literal: String = "") {
        if !literal.isEmpty { pieces.append(.literal(literal)) }
    }

    mutating func append(_ literal: String) { pieces.append(.literal(literal)) }

    mutating func bind(_ value: Int64) { pieces.append(.value(.integer(value))) }
    mutating func bind(_ value: Int) { pieces.append(.value(.integer(Int64(value)))) }
    mutating func bind(_ value: String) { pieces.append(.value(.text(value))) }
    mutating func bind(_ value: Int64?) { pieces.append(.value(value.map { .integer($0) } ?? .null)) }
    mutating func bind(_ value: String?) { pieces.append(.value(value.map { .text($0) } ?? .null)) }

    /// A row of values bound in order, as `(?, ?, …)`.
    mutating func tuple(_ values: [Value]) {
        pieces.append(.literal("("))
        for (index, value) in values.enumerated() {
            if index > 0 { pieces.append(.literal(", ")) }
            pieces.append(.value(value))
        }
        pieces.append(.literal(")"))
    }

    var sqlite: (text: String, binds: [SQLiteData]) {
        var text = ""
        var binds: [SQLiteData] = []
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += literal
            case .value(let value):
                text += "?"
                switch value {
                case .integer(let number): binds.append(.integer(Int(number)))
                case .text(let string): binds.append(.text(string))
                case .null: binds.append(.null)
                }
            }
        }
        return (text, binds)
    }

    var sqlKit: SQLQueryString {
        var query = SQLQueryString("")
        for piece in pieces {
            switch piece {
            case .literal(let literal): query += SQLQueryString(literal)
            case .value(.integer(let number)): query += "\(bind: number)"
            case .value(.text(let string)): query += "\(bind: string)"
            case .value(.null): query += "NULL"
            }
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

    private func value(_ name: String) -> HotStatement.Value {
        columns.firstIndex(of: name).map { values[$0] } ?? .null
    }

    func integer(_ name: String) throws -> Int64 {
        guard case .integer(let value) = value(name) else {
            throw StoreError.database("column \(name) is not an integer")
        }
        return value
    }

    func int(_ name: String) throws -> Int { Int(try integer(name)) }

    func text(_ name: String) throws -> String {
        guard case .text(let value) = value(name) else { throw StoreError.database("column \(name) is not text") }
        return value
    }
}

extension SQLCampaignStore {
    /// Runs a hot statement on the connection (inside whatever transaction is open) and reads `columns` back.
    func run(_ statement: HotStatement, _ db: any SQLDatabase, columns: [String] = []) async throws -> [HotRow] {
        guard let handle = sqliteHandle else {
            return try await db.raw(statement.sqlKit).all().map { try HotRow(sql: $0, columns: columns) }
        }
        let (text, binds) = statement.sqlite
        var rows: [HotRow] = []
        var positions: [Int?]?
        try await handle.execute(text, binds) { cursor in
            if positions == nil {
                let names = (0..<cursor.columnCount).map { cursor.name(at: $0) }
                positions = columns.map { names.firstIndex(of: $0) }
            }
            rows.append(HotRow(cursor: cursor, columns: columns, positions: positions ?? []))
        }
        return rows
    }
}
