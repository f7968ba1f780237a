import Foundation
import Logging
import SQLKit

/// What is at a database path, judged without changing a byte of it.
public enum DatabaseFile: Equatable, Sendable {
    /// Nothing is there.
    case missing
    /// An Outbound database (of this or an older schema); `demo` when `outbound demo` made it.
    case outbound(demo: Bool)
    /// Something that is not an Outbound database, and why (`is a folder`, `is an empty file`, …).
    case foreign(String)
}

extension SQLCampaignStore {
    /// The SQLite `application_id` that marks a database `outbound demo` made, so a later demo may replace it.
    static let demoApplicationId: Int32 = 0x4F42_444D

    /// Opens the SQLite database at `path` and migrates it to the current schema. A missing file is created only
    /// when `creating`; a file that is not an Outbound database (another program's, empty, not SQLite, a folder, a
    /// FIFO, a device) is refused untouched.
    public static func openSQLite(path: String, creating: Bool = true) async throws -> SQLCampaignStore {
        try await openSQLite(path: path, creating: creating, migratingThrough: nil)
    }

    /// The same, migrating only through schema `version` (nil: the latest); tests build older databases with it.
    static func openSQLite(
        path: String, creating: Bool = true, migratingThrough version: Int?
    ) async throws -> SQLCampaignStore {
        let created: Bool
        switch try await inspectSQLite(path: path) {
        case .outbound:
            created = false
        case .foreign(let reason):
            throw StoreError.unavailable("'\(path)' \(reason), not an Outbound database; it was left as it is")
        case .missing:
            guard creating else { throw StoreError.unavailable("no database at '\(path)'") }
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard FileKind(path: directory.isEmpty ? "." : directory) == .folder else {
                throw StoreError.unavailable("no folder '\(directory)'")
            }
            guard FileKind(path: path + deliveryFileSuffix) == .missing else {
                // Deliveries left from a database that is gone would be taken for the new one's subscriptions'.
                throw StoreError.unavailable(
                    "'\(path + deliveryFileSuffix)' is left from an earlier database at '\(path)'; move it away first")
            }
            created = true
        }
        let handle: SQLiteHandle
        do {
            handle = try SQLiteHandle.open(path: path, create: created)
        } catch {
            throw StoreError.unavailable("cannot open '\(path)' as a SQLite database")
        }
        let logger = {
            var logger = Logger(label: "outbound.sqlite")
            logger.logLevel = .error
            return logger
        }()
        let writer = StoreConnection(
            database: SQLiteHandleDatabase(handle: handle, logger: logger), handle: handle, close: { handle.close() })
        let deliveries: StoreConnection
        do {
            // Before any reader: each one attaches it.
            deliveries = try await openDeliveryFile(path: path, logger: logger)
        } catch {
            handle.close()
            if created { removeDatabaseFiles(path) }
            throw error
        }
        let readers = ReaderPool(limit: readerLimit, dialect: .sqlite) {
            try await openReader(path: path, logger: logger)
        }
        let store = SQLCampaignStore(
            writer: writer, deliveryWriter: deliveries, readers: readers, dialect: .sqlite, path: path,
            schemaLimit: version,
            closer: {
                deliveries.close()
                handle.close()
            })
        do {
            for setting in store.dialect.connectionSettings {
                try await store.database.raw(SQLQueryString(setting)).run()
            }
            try await store.migrate(through: version)
            if version == nil {
                try await store.moveDeliveriesToTheirFile()
                try await store.discardAbandonedImports()
            }
        } catch {
            await readers.close()
            deliveries.close()
            handle.close()
            // A file this call created and could not set up is removed; it was never anyone's database.
            if created { removeDatabaseFiles(path) }
            if let error = error as? StoreError { throw error }
            throw StoreError.unavailable(
                "'\(path)' is not a usable Outbound database (\(StoreOperation.reason(error)))")
        }
        return store
    }

    /// How many readers a store opens at most: reads beyond them wait for a free one (never for the writer).
    static let readerLimit = 4

    /// Opens a reader of the database at `path` (``ReaderPool``): a connection of its own that refuses to write.
    private static func openReader(path: String, logger: Logger) async throws -> StoreConnection {
        let handle = try SQLiteHandle.open(path: path, create: false)
        let database = SQLiteHandleDatabase(handle: handle, logger: logger)
        do {
            try await attachDeliveryFile(database, path: path)
            for setting in StoreDialect.sqlite.readerSettings {
                try await database.raw(SQLQueryString(setting)).run()
            }
        } catch {
            handle.close()
            throw error
        }
        return StoreConnection(database: database, handle: handle, close: { handle.close() })
    }

    /// What is at `path`: nothing, an Outbound database (marked by the demo or not), or something else. Reads the
    /// file's kind, its first bytes and its table names; writes nothing.
    public static func inspectSQLite(path: String) async throws -> DatabaseFile {
        switch FileKind(path: path) {
        case .missing: return .missing
        case .regularFile: break
        case let kind: return .foreign("is \(kind.name)")
        }
        let header = FileManager.default.contents(atPath: path).map { $0.prefix(16) } ?? Data()
        if header.isEmpty {
            // A database whose first writes are still in its write-ahead log has an empty main file.
            guard let log = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int, log > 0
            else { return .foreign("is an empty file") }
        } else if header != Data("SQLite format 3\0".utf8) {
            return .foreign("is not a SQLite database")
        }
        guard let handle = try? SQLiteHandle.open(path: path, create: false) else {
            return .foreign("cannot be read as a SQLite database")
        }
        defer { handle.close() }
        var tables: Set<String> = []
        var applicationId: Int32 = 0
        do {
            try await handle.execute(StoreDialect.sqlite.tableNamesQuery) { row in
                tables.insert(row.text(at: 0))
            }
            if let query = StoreDialect.sqlite.applicationIdQuery {
                try await handle.execute(query) { row in
                    applicationId = Int32(truncatingIfNeeded: row.integer(at: 0))
                }
            }
        } catch {
            return .foreign("cannot be read as a SQLite database")
        }
        guard tables.isSuperset(of: ["schema_version", "organizations", "campaigns", "leads", "calls"]) else {
            return .foreign(
                tables.isEmpty ? "is a SQLite database with no tables" : "is another program's SQLite database")
        }
        return .outbound(demo: applicationId == demoApplicationId)
    }

    /// Marks this database as made by `outbound demo` (SQLite's `application_id`), so a later demo may replace it.
    public func markAsDemo() async throws {
        guard let statement = dialect.setApplicationId(Self.demoApplicationId) else { return }
        try await serial { db in try await db.raw(SQLQueryString(statement)).run() }
    }

    /// Removes a database file, its write-ahead log and shared-memory files and its webhook deliveries' file.
    public static func removeDatabaseFiles(_ path: String) {
        let delivery = deliveryFileSuffix
        for suffix in ["", "-wal", "-shm", ImportLock.suffix, delivery, delivery + "-wal", delivery + "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
