import SQLKit

/// One database connection: its SQLKit view, and on SQLite the handle under it for the hot and bulk paths that
/// bind values directly. Every statement sent through either goes to the same connection (and so into the same
/// transaction).
struct StoreConnection: Sendable {
    /// The connection seen through SQLKit.
    let database: any SQLDatabase
    /// The SQLite connection under ``database``; nil on other databases.
    let handle: SQLiteHandle?
    /// Closes the connection.
    let close: @Sendable () -> Void
}
