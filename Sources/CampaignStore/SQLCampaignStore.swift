import CampaignCore
import Foundation
import Logging
import SQLKit
import SQLiteKit
import Synchronization

/// The SQL implementation of ``CampaignStore`` over SQLKit. Runs on SQLite (a file, the embedded default);
/// the dialect functions keep the statements portable to PostgreSQL.
public final class SQLCampaignStore: CampaignRepository, DiallerStore, ReportsStore, SimulationClockStore {
    let database: any SQLDatabase
    let dialect: StoreDialect
    /// The SQLite connection under ``database``, for the hot and bulk paths that bind `SQLiteData` directly.
    let sqliteHandle: SQLiteHandle?
    private let gate = SerialGate()
    private let closer: @Sendable () async throws -> Void
    /// Parsed settings by campaign id, with the stored text they were parsed from.
    let settingsCache = Mutex<[Int64: (json: String, settings: CampaignSettings)]>([:])

    init(
        database: any SQLDatabase, dialect: StoreDialect, sqliteHandle: SQLiteHandle? = nil,
        closer: @escaping @Sendable () async throws -> Void
    ) {
        self.database = database
        self.dialect = dialect
        self.sqliteHandle = sqliteHandle
        self.closer = closer
    }

    /// Closes the connection.
    public func close() async throws { try await closer() }

    /// Runs `body` alone on the connection, outside a transaction. A driver error becomes a ``StoreError`` that
    /// names `operation` (the calling method unless given), never the driver's text.
    func serial<T: Sendable>(
        _ operation: String = #function, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        await gate.acquire()
        do {
            let value = try await body(database)
            await gate.release()
            return value
        } catch {
            await gate.release()
            throw Self.wrap(error, while: operation)
        }
    }

    /// Runs `body` in one write transaction; rolls back on any error. A driver error becomes a ``StoreError`` that
    /// names `operation` (the calling method unless given), never the driver's text.
    func transaction<T: Sendable>(
        _ operation: String = #function, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        await gate.acquire()
        do {
            try await database.raw(SQLQueryString(dialect.beginTransaction)).run()
        } catch {
            await gate.release()
            throw Self.wrap(error, while: operation)
        }
        do {
            let value = try await body(database)
            try await database.raw(SQLQueryString(dialect.commitTransaction)).run()
            await gate.release()
            return value
        } catch {
            try? await database.raw(SQLQueryString(dialect.rollbackTransaction)).run()
            await gate.release()
            throw Self.wrap(error, while: operation)
        }
    }

    /// Keeps store errors; turns a driver error into a ``StoreError/database(_:)`` that says what the store was
    /// doing and what kind of failure it was. The driver's own text (which quotes SQL) never reaches a user.
    static func wrap(_ error: any Error, while operation: String) -> any Error {
        if error is StoreError || error is LifecycleError || error is SettingsError { return error }
        return StoreError.database("\(StoreOperation.name(operation)) failed: \(StoreOperation.reason(error))")
    }
}
