import SQLKit

/// The store's one write connection, pinned: a transaction's `BEGIN`, its statements and its `COMMIT` all go to
/// this connection, and callers take turns through a first-in first-out gate, so two transactions never
/// interleave on it. Reads go to ``ReaderPool`` instead and never wait for this gate.
final class WriteConnection: Sendable {
    let connection: StoreConnection
    private let dialect: StoreDialect
    private let gate = SerialGate()

    init(_ connection: StoreConnection, dialect: StoreDialect) {
        self.connection = connection
        self.dialect = dialect
    }

    /// Runs `body` alone on the connection, outside a transaction (each statement commits on its own).
    func withConnection<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        await gate.acquire()
        do {
            let value = try await body(connection.database)
            await gate.release()
            return value
        } catch {
            await gate.release()
            throw error
        }
    }

    /// Runs `body` in one write transaction on this connection; commits when it returns, rolls back when it
    /// throws.
    func withTransaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        await gate.acquire()
        let db = connection.database
        do {
            try await db.raw(SQLQueryString(dialect.beginTransaction)).run()
        } catch {
            await gate.release()
            throw error
        }
        do {
            let value = try await body(db)
            try await db.raw(SQLQueryString(dialect.commitTransaction)).run()
            await gate.release()
            return value
        } catch {
            try? await db.raw(SQLQueryString(dialect.rollbackTransaction)).run()
            await gate.release()
            throw error
        }
    }
}
