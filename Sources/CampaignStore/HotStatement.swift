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

/// A result row of a hot statement: integers and texts by column name.
struct HotRow {
    private let integers: [String: Int64]
    private let texts: [String: String]

    init(sqlite row: SQLiteRow, columns: [String]) {
        var integers: [String: Int64] = [:]
        var texts: [String: String] = [:]
        for name in columns {
            switch row.column(name) {
            case .integer(let value): integers[name] = Int64(value)
            case .text(let value): texts[name] = value
            default: break
            }
        }
        self.integers = integers
        self.texts = texts
    }

    init(sql row: any SQLRow, columns: [String]) throws {
        var integers: [String: Int64] = [:]
        var texts: [String: String] = [:]
        for name in columns {
            if let value = try? row.decode(column: name, as: Int64.self) {
                integers[name] = value
            } else if let value = try? row.decode(column: name, as: String.self) {
                texts[name] = value
            }
        }
        self.integers = integers
        self.texts = texts
    }

    func integer(_ name: String) throws -> Int64 {
        guard let value = integers[name] else { throw StoreError.database("column \(name) is not an integer") }
        return value
    }

    func int(_ name: String) throws -> Int { Int(try integer(name)) }

    func text(_ name: String) throws -> String {
        guard let value = texts[name] else { throw StoreError.database("column \(name) is not text") }
        return value
    }
}

extension SQLCampaignStore {
    /// Runs a hot statement on the connection (inside whatever transaction is open) and reads `columns` back.
    func run(_ statement: HotStatement, _ db: any SQLDatabase, columns: [String] = []) async throws -> [HotRow] {
        if let connection = sqliteConnection {
            let (text, binds) = statement.sqlite
            return try await connection.query(text, binds).map { HotRow(sqlite: $0, columns: columns) }
        }
        return try await db.raw(statement.sqlKit).all().map { try HotRow(sql: $0, columns: columns) }
    }
}
