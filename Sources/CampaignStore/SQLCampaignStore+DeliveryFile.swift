import Foundation
import Logging
import SQLKit

/// On SQLite the webhook deliveries and their attempts (`webhook_deliveries`, `webhook_attempts`) live in a file of
/// their own beside the database (`<path>-webhooks`), written through a connection of their own
/// (``SQLCampaignStore/deliveryTransaction(_:_:)``). A SQLite file has one writer at a time: in the main file, every
/// delivery the sender records waited for the engine's transactions and the engine for the sender's, which cost the
/// engine a third of its attempts per second. Readers attach the file, so reads join deliveries with events as
/// before (table names are not qualified: SQLite finds a name in the main file first, then in the attached one).
/// Subscriptions, their cursors and gaps, and everything else stay in the main file; on PostgreSQL every table is in
/// the one database.
extension SQLCampaignStore {
    /// What the deliveries' file is called: the database's path and this.
    public static let deliveryFileSuffix = "-webhooks"

    /// The name a reader attaches the deliveries' file under.
    static let deliverySchema = "webhook_file"

    /// The deliveries' tables, created in their file when missing (the same columns and indexes as the main
    /// database's migrations gave them before they moved). `PRAGMA user_version` says which of these it has: a later
    /// change to these tables goes here, under a higher version, never into the main database's migrations (on
    /// SQLite the main file no longer has them once it is opened).
    static let deliveryFileSchema: [String] = [
        """
        CREATE TABLE IF NOT EXISTS webhook_deliveries (id INTEGER PRIMARY KEY, org_id BIGINT NOT NULL,
        webhook_id BIGINT NOT NULL, event_id BIGINT NOT NULL, order_key TEXT NOT NULL, state TEXT NOT NULL,
        failures BIGINT NOT NULL, next_at BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
        """,
        "CREATE UNIQUE INDEX IF NOT EXISTS webhook_deliveries_event ON webhook_deliveries (webhook_id, event_id)",
        """
        CREATE INDEX IF NOT EXISTS webhook_deliveries_order ON webhook_deliveries (webhook_id, order_key, event_id)
        WHERE state = 'pending'
        """,
        """
        CREATE INDEX IF NOT EXISTS webhook_deliveries_heads ON webhook_deliveries (webhook_id, event_id)
        WHERE state = 'pending'
        """,
        """
        CREATE INDEX IF NOT EXISTS webhook_deliveries_waiting ON webhook_deliveries (webhook_id, order_key, event_id)
        WHERE state = 'waiting'
        """,
        """
        CREATE TABLE IF NOT EXISTS webhook_attempts (id INTEGER PRIMARY KEY, org_id BIGINT NOT NULL,
        webhook_id BIGINT NOT NULL, delivery_id BIGINT NOT NULL, at BIGINT NOT NULL, status_code BIGINT,
        latency_ms BIGINT NOT NULL, response_body TEXT NOT NULL, error TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS webhook_attempts_delivery ON webhook_attempts (delivery_id, id)",
        "PRAGMA user_version = \(deliveryFileVersion)",
    ]

    /// The deliveries' file's schema version (its `PRAGMA user_version`).
    static let deliveryFileVersion = 1

    /// The columns copied when deliveries move out of the main file.
    private static let movedTables: [(table: String, columns: String)] = [
        (
            "webhook_deliveries",
            "id, org_id, webhook_id, event_id, order_key, state, failures, next_at, created_at, updated_at"
        ),
        (
            "webhook_attempts",
            "id, org_id, webhook_id, delivery_id, at, status_code, latency_ms, response_body, error"
        ),
    ]

    /// Opens (creating it when missing) the deliveries' file of the database at `path` and makes its tables.
    static func openDeliveryFile(path: String, logger: Logger) async throws -> StoreConnection {
        let file = path + deliveryFileSuffix
        let handle: SQLiteHandle
        do {
            handle = try SQLiteHandle.open(path: file, create: true)
        } catch {
            throw StoreError.unavailable("cannot open '\(file)' (the webhook deliveries' file) as a SQLite database")
        }
        let database = SQLiteHandleDatabase(handle: handle, logger: logger)
        do {
            for statement in StoreDialect.sqlite.connectionSettings {
                try await database.raw(SQLQueryString(statement)).run()
            }
            // Written once, when the file is new: a later open (every command's) writes nothing here.
            let version =
                try await database.raw("PRAGMA user_version").first()?.decode(column: "user_version", as: Int.self) ?? 0
            guard version <= deliveryFileVersion else {
                handle.close()
                throw StoreError.unavailable("'\(file)' was written by a newer Outbound (version \(version))")
            }
            if version < deliveryFileVersion {
                for statement in deliveryFileSchema { try await database.raw(SQLQueryString(statement)).run() }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            handle.close()
            throw StoreError.unavailable(
                "'\(file)' is not a usable webhook deliveries' file (\(StoreOperation.reason(error)))")
        }
        return StoreConnection(database: database, handle: handle, close: { handle.close() })
    }

    /// Attaches the deliveries' file of the database at `path` to a reader.
    static func attachDeliveryFile(_ database: any SQLDatabase, path: String) async throws {
        try await database.raw(
            "ATTACH DATABASE \(bind: path + deliveryFileSuffix) AS \(unsafeRaw: deliverySchema)"
        ).run()
    }

    /// Moves deliveries and attempts that an older Outbound wrote into the main file to their own file, then drops
    /// them from the main file (a fresh database's migrations create them there too, empty). Two transactions: the
    /// copy commits before the drop, so a crash between them copies again on the next open (the same ids, ignored)
    /// and loses nothing.
    func moveDeliveriesToTheirFile() async throws {
        guard let path, deliveryWriter != nil else { return }
        let inMain = try await read { db in
            try await db.raw(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name = 'webhook_deliveries'"
            ).first() != nil
        }
        guard inMain else { return }
        let alias = "moving_deliveries"
        try await serial { db in
            try await db.raw("ATTACH DATABASE \(bind: path + Self.deliveryFileSuffix) AS \(unsafeRaw: alias)").run()
        }
        do {
            try await transaction { db in
                for (table, columns) in Self.movedTables {
                    try await db.raw(
                        SQLQueryString(
                            "INSERT OR IGNORE INTO \(alias).\(table) (\(columns)) SELECT \(columns) FROM main.\(table)")
                    ).run()
                }
            }
            try await transaction { db in
                for (table, _) in Self.movedTables.reversed() {
                    try await db.raw(SQLQueryString("DROP TABLE main.\(table)")).run()
                }
            }
        } catch {
            try? await serial { db in try await db.raw("DETACH DATABASE \(unsafeRaw: alias)").run() }
            throw error
        }
        try await serial { db in try await db.raw("DETACH DATABASE \(unsafeRaw: alias)").run() }
    }

    /// The connection the deliveries' statements run on (tests look at their rows with it).
    var deliveryDatabase: any SQLDatabase { deliveryWriter?.connection.database ?? database }
}
