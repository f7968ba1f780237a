import SQLKit

/// Read-only connections, opened on demand up to a limit and reused. On SQLite in WAL mode a reader works on the
/// last committed snapshot while the writer writes, so a read never waits for a write transaction (an import's
/// chunk, a lease); each read runs in its own read transaction, so its statements see one snapshot, and it sees
/// every write committed before it began.
actor ReaderPool {
    private let open: @Sendable () async throws -> StoreConnection
    private let dialect: StoreDialect
    private let limit: Int
    private var idle: [StoreConnection] = []
    private var opened = 0
    private var waiters: [CheckedContinuation<StoreConnection?, Never>] = []
    private var closed = false

    /// A pool that opens at most `limit` connections with `open`.
    init(limit: Int, dialect: StoreDialect, open: @escaping @Sendable () async throws -> StoreConnection) {
        self.limit = limit
        self.dialect = dialect
        self.open = open
    }

    /// Runs `body` in a read transaction on a reader of the pool.
    nonisolated func withReader<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await acquire()
        let db = connection.database
        do {
            try await db.raw(SQLQueryString(dialect.beginReadTransaction)).run()
        } catch {
            await release(connection)
            throw error
        }
        do {
            let value = try await body(db)
            try await db.raw(SQLQueryString(dialect.commitTransaction)).run()
            await release(connection)
            return value
        } catch {
            try? await db.raw(SQLQueryString(dialect.rollbackTransaction)).run()
            await release(connection)
            throw error
        }
    }

    /// Runs `body` on a reader outside a transaction (a checkpoint, which a read transaction would hold back).
    nonisolated func withConnection<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let value = try await body(connection.database)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    private func acquire() async throws -> StoreConnection {
        if closed { throw ConnectionClosed() }
        if let connection = idle.popLast() { return connection }
        if opened < limit {
            opened += 1
            do {
                return try await open()
            } catch {
                opened -= 1
                throw error
            }
        }
        guard let connection = await withCheckedContinuation({ waiters.append($0) }) else { throw ConnectionClosed() }
        return connection
    }

    private func release(_ connection: StoreConnection) {
        if closed {
            connection.close()
        } else if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }

    /// Closes the idle connections now and the busy ones when their read ends; later reads fail.
    func close() {
        closed = true
        for connection in idle { connection.close() }
        idle = []
        for waiter in waiters { waiter.resume(returning: nil) }
        waiters = []
    }
}
