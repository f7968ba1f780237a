import CampaignCore
import Foundation
import Logging
import SQLKit
import SQLiteKit
import Synchronization

/// The SQL implementation of ``CampaignStore`` over SQLKit. Runs on SQLite (a file, the embedded default);
/// the dialect functions keep the statements portable to PostgreSQL.
///
/// Connections have roles: one pinned write connection (``WriteConnection``) takes every write, one caller at a
/// time, and read-only methods run on a pool of readers (``ReaderPool``) that never wait for it.
public final class SQLCampaignStore: CampaignRepository, DiallerStore, ReportsStore, SimulationClockStore {
    let writer: WriteConnection
    /// On SQLite, the write connection of the webhook deliveries' own file (``deliveryTransaction(_:_:)``); nil
    /// where they are in the main database.
    let deliveryWriter: WriteConnection?
    let readers: ReaderPool?
    let dialect: StoreDialect
    /// Where the database file is (SQLite), for the lock an import holds while it runs.
    let path: String?
    /// The last schema version this store migrated to when a test opened it on an older schema; nil: the latest.
    let schemaLimit: Int?
    private let closer: @Sendable () async throws -> Void
    /// Parsed settings by campaign id, with the stored text they were parsed from.
    let settingsCache = Mutex<[Int64: (json: String, settings: CampaignSettings)]>([:])
    /// Whether recording a call updates the stats rollups (always, except in the benchmark's reference run).
    let rollupWrites = Mutex(true)

    init(
        writer: StoreConnection, deliveryWriter: StoreConnection? = nil, readers: ReaderPool?, dialect: StoreDialect,
        path: String? = nil, schemaLimit: Int? = nil, closer: @escaping @Sendable () async throws -> Void
    ) {
        self.writer = WriteConnection(writer, dialect: dialect)
        self.deliveryWriter = deliveryWriter.map { WriteConnection($0, dialect: dialect) }
        self.readers = readers
        self.dialect = dialect
        self.path = path
        self.schemaLimit = schemaLimit
        self.closer = closer
    }

    /// The write connection seen through SQLKit.
    var database: any SQLDatabase { writer.connection.database }

    /// The SQLite handle of the write connection, for the hot and bulk paths that bind `SQLiteData` directly.
    var sqliteHandle: SQLiteHandle? { writer.connection.handle }

    /// Closes every connection.
    public func close() async throws {
        await readers?.close()
        try await closer()
    }

    /// Runs `body` alone on the write connection, outside a transaction. A driver error becomes a ``StoreError``
    /// that names `operation` (the calling method unless given), never the driver's text.
    func serial<T: Sendable>(
        _ operation: String = #function, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            return try await writer.withConnection(body)
        } catch {
            throw Self.wrap(error, while: operation)
        }
    }

    /// Runs `body` in one write transaction on the write connection; rolls back on any error. A driver error
    /// becomes a ``StoreError`` that names `operation` (the calling method unless given), never the driver's text.
    func transaction<T: Sendable>(
        _ operation: String = #function, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            return try await writer.withTransaction(body)
        } catch {
            throw Self.wrap(error, while: operation)
        }
    }

    /// ``transaction(_:_:)`` for a caller that may run on a low-priority thread (the webhook sender): its statements
    /// run on the shared pool, so a thread waiting for the CPU never holds the write lock the engine records with.
    func transactionOnSharedPool<T: Sendable>(
        _ operation: String = #function, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await withTaskExecutorPreference(globalConcurrentExecutor) { try await transaction(operation, body) }
    }

    /// Runs `body` in one write transaction on the connection that writes webhook deliveries and their attempts: on
    /// SQLite their own file's (its write lock is not the one the engine records with, so the sender and the engine
    /// write at once), elsewhere ``transaction(_:_:)``. Only for statements on those tables.
    func deliveryTransaction<T: Sendable>(
        _ operation: String = #function, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        guard let deliveryWriter else { return try await transaction(operation, body) }
        do {
            return try await deliveryWriter.withTransaction(body)
        } catch {
            throw Self.wrap(error, while: operation)
        }
    }

    /// Runs `body` in a read transaction on a reader (the write connection where there are none): it sees every
    /// write committed before it began and never waits for the writer. Only for statements that write nothing.
    func read<T: Sendable>(
        _ operation: String = #function, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        guard let readers else { return try await serial(operation, body) }
        do {
            return try await readers.withReader(body)
        } catch {
            throw Self.wrap(error, while: operation)
        }
    }

    /// Keeps store errors; turns a driver error into a ``StoreError/database(_:)`` that says what the store was
    /// doing and what kind of failure it was. The driver's own text (which quotes SQL) never reaches a user.
    static func wrap(_ error: any Error, while operation: String) -> any Error {
        if error is StoreError || error is LifecycleError || error is SettingsError || error is CatalogError
            || error is UserDirectoryError
        {
            return error
        }
        return StoreError.database("\(StoreOperation.name(operation)) failed: \(StoreOperation.reason(error))")
    }
}
