import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// ``SQLiteHandle`` seen through SQLKit, so the store's portable statements and its hot paths share one
/// connection (and so one transaction).
struct SQLiteHandleDatabase: SQLDatabase {
    let handle: SQLiteHandle
    let logger: Logger
    private let encoder = SQLiteDataEncoder()
    private let decoder = SQLiteDataDecoder()

    init(handle: SQLiteHandle, logger: Logger) {
        self.handle = handle
        self.logger = logger
    }

    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<
        Void
    > {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, rawBinds) = serialize(query)
        let binds = try rawBinds.map { try encoder.encode($0) }
        var columns: [String]?
        try await handle.execute(sql, binds) { cursor in
            let names = columns ?? (0..<cursor.columnCount).map { cursor.name(at: $0) }
            columns = names
            let values = (0..<names.count).map { cursor.data(at: $0) }
            onRow(SQLiteHandleRow(columns: names, values: values, decoder: decoder))
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

/// A result row read off ``SQLiteHandle``, decoded like sqlite-kit's rows.
struct SQLiteHandleRow: SQLRow {
    let columns: [String]
    let values: [SQLiteData]
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { columns }

    func contains(column: String) -> Bool { columns.contains(column) }

    func decodeNil(column: String) throws -> Bool { value(column) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard columns.contains(column) else { throw StoreError.database("no column \(column) in the result") }
        return try decoder.decode(D.self, from: value(column))
    }

    private func value(_ column: String) -> SQLiteData {
        columns.firstIndex(of: column).map { values[$0] } ?? .null
    }
}
