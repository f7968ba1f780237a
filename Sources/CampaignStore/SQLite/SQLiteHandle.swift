import Foundation
import NIOCore
import SQLiteNIO
import SQLiteTuning
import VaporCSQLite

/// One SQLite connection driven synchronously through the C API of the SQLite that sqlite-nio builds, with its
/// prepared statements kept for reuse.
///
/// Why not `SQLiteConnection`'s own queries: each of them prepares its statement again and hops to a thread pool
/// and back, about 18 µs on this machine, against 0.1–0.4 µs for a cached statement stepped in place (measured
/// 2026-11-22, 20,000 `SELECT ?` and `INSERT`s). The dialler runs tens of statements per tick and an import
/// half a million inserts, so that hop was most of their time.
///
/// `VaporCSQLite` is sqlite-nio's C target; it is not a product of that package, so it is reached as the module
/// SQLiteKit's dependencies already build (the same SQLite library, not a second copy).
///
/// Waiting for another connection's write lock never blocks a thread: SQLite's busy handler is off and
/// ``execute(_:_:onRow:)`` sleeps asynchronously and retries a statement that came back `SQLITE_BUSY`.
final class SQLiteHandle: @unchecked Sendable {
    /// Guards `raw` and `statements`; held only for one synchronous statement, never across a suspension.
    private let lock = NSLock()
    private var raw: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// The most statements kept prepared; texts beyond it (IN-lists of many lengths) are finalised in bulk.
    private static let statementCacheLimit = 512
    /// How long a statement keeps retrying against another connection's lock before it fails.
    static let busyTimeout: Duration = .seconds(30)

    private init(raw: OpaquePointer?) { self.raw = raw }

    /// Opens the database at `path`, creating the file when it is missing only if `create`.
    static func open(path: String, create: Bool) throws -> SQLiteHandle {
        var raw: OpaquePointer?
        let flags =
            SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &raw, flags, nil)
        guard status == SQLITE_OK, let raw else {
            let message = raw.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close(raw)
            throw SQLiteFailure(code: status, message: message, sql: "open \(path)")
        }
        guard outbound_sqlite_enable_qpsg(UnsafeMutableRawPointer(raw)) == SQLITE_OK else {
            sqlite_nio_sqlite3_close(raw)
            throw SQLiteFailure(code: SQLITE_ERROR, message: "cannot configure the connection", sql: "open \(path)")
        }
        return SQLiteHandle(raw: raw)
    }

    deinit {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        if let raw { sqlite_nio_sqlite3_close_v2(raw) }
    }

    /// Finalises every statement and closes the connection; later statements fail.
    func close() {
        lock.lock()
        defer { lock.unlock() }
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements = [:]
        if let raw { sqlite_nio_sqlite3_close_v2(raw) }
        raw = nil
    }

    /// How many times SQLite recompiled the statements now cached (a schema change, or a bound value the planner
    /// looked at); the dialling loop should add none.
    var recompilations: Int {
        lock.lock()
        defer { lock.unlock() }
        return statements.values.reduce(0) {
            $0 + Int(sqlite_nio_sqlite3_stmt_status($1, SQLITE_STMTSTATUS_REPREPARE, 0))
        }
    }

    /// Runs one statement, calling `onRow` for each result row; retries while another connection holds the lock.
    func execute(
        _ sql: String, _ binds: [SQLiteData] = [], onRow: (borrowing SQLiteCursor) throws -> Void = { _ in }
    ) async throws {
        try await retryingWhileBusy { try executeNow(sql, binds, onRow: onRow) }
    }

    /// Runs one statement without result rows whose parameters `bind` sets through the C API (a bulk insert
    /// binding texts from its own buffer without a copy); retries while another connection holds the lock.
    func execute(_ sql: String, binding bind: (borrowing SQLiteBinder) throws -> Void) async throws {
        try await retryingWhileBusy {
            lock.lock()
            defer { lock.unlock() }
            let statement = try prepared(sql)
            defer {
                sqlite_nio_sqlite3_reset(statement)
                // The texts were bound without a copy: forget them before their buffer goes.
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            try bind(SQLiteBinder(statement: statement, sql: sql))
            while true {
                let status = sqlite_nio_sqlite3_step(statement)
                switch status {
                case SQLITE_ROW: continue
                case SQLITE_DONE: return
                default: throw failure(status, sql: sql)
                }
            }
        }
    }

    private func retryingWhileBusy(_ body: () throws -> Void) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.busyTimeout
        var pause = Duration.microseconds(200)
        while true {
            do {
                try body()
                return
            } catch let failure as SQLiteFailure where failure.isBusy && clock.now < deadline {
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(20))
            }
        }
    }

    /// Runs one statement now, on the calling thread.
    func executeNow(
        _ sql: String, _ binds: [SQLiteData], onRow: (borrowing SQLiteCursor) throws -> Void
    ) throws {
        lock.lock()
        defer { lock.unlock() }
        let statement = try prepared(sql)
        // Reset but not cleared: every run binds every parameter again.
        defer { sqlite_nio_sqlite3_reset(statement) }
        try bind(binds, to: statement, sql: sql)
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            switch status {
            case SQLITE_ROW: try onRow(SQLiteCursor(statement: statement))
            case SQLITE_DONE: return
            default: throw failure(status, sql: sql)
            }
        }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        guard let raw else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "connection is closed", sql: sql) }
        if statements.count >= Self.statementCacheLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(raw, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status, sql: sql) }
        statements[sql] = statement
        return statement
    }

    private func bind(_ binds: [SQLiteData], to statement: OpaquePointer, sql: String) throws {
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let number): status = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
            case .float(let number): status = sqlite_nio_sqlite3_bind_double(statement, index, number)
            case .text(let text): status = Self.bindText(text, to: statement, at: index)
            case .blob(let buffer):
                status = buffer.withUnsafeReadableBytes { bytes in
                    sqlite_nio_sqlite3_bind_blob64(
                        statement, index, bytes.baseAddress, UInt64(bytes.count), SQLiteHandle.transient)
                }
            case .null: status = sqlite_nio_sqlite3_bind_null(statement, index)
            }
            guard status == SQLITE_OK else { throw failure(status, sql: sql) }
        }
    }

    private static func bindText(_ text: String, to statement: OpaquePointer, at index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                guard let start = chars.baseAddress, !chars.isEmpty else {
                    return sqlite_nio_sqlite3_bind_text64(statement, index, "", 0, transient, UInt8(SQLITE_UTF8))
                }
                return sqlite_nio_sqlite3_bind_text64(
                    statement, index, start, UInt64(chars.count), transient, UInt8(SQLITE_UTF8))
            }
        }
    }

    /// SQLite copies the bound bytes (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func failure(_ status: Int32, sql: String) -> SQLiteFailure {
        let message = raw.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "connection is closed"
        return SQLiteFailure(code: status, message: message, sql: sql)
    }
}

/// Sets the parameters of a statement about to run; valid only inside the `binding` callback that received it.
struct SQLiteBinder: ~Copyable {
    fileprivate let statement: OpaquePointer
    fileprivate let sql: String

    /// Binds parameter `index` (from 1) to an integer, or to NULL.
    func bind(_ value: Int64?, at index: Int32) throws {
        let status =
            value.map { sqlite_nio_sqlite3_bind_int64(statement, index, $0) }
            ?? sqlite_nio_sqlite3_bind_null(statement, index)
        guard status == SQLITE_OK else { throw SQLiteFailure(code: status, message: "cannot bind", sql: sql) }
    }

    /// Binds parameter `index` to `count` bytes of UTF-8 at `start`, without a copy: they must stay as they are
    /// until the statement has run.
    func bindText(_ start: UnsafeRawPointer, count: Int, at index: Int32) throws {
        let status = sqlite_nio_sqlite3_bind_text64(
            statement, index, start.assumingMemoryBound(to: CChar.self), UInt64(count), nil, UInt8(SQLITE_UTF8))
        guard status == SQLITE_OK else { throw SQLiteFailure(code: status, message: "cannot bind", sql: sql) }
    }
}

/// The current row of a statement being stepped; valid only inside the `onRow` callback that received it.
struct SQLiteCursor: ~Copyable {
    fileprivate let statement: OpaquePointer

    var columnCount: Int { Int(sqlite_nio_sqlite3_column_count(statement)) }

    func name(at column: Int) -> String { String(cString: sqlite_nio_sqlite3_column_name(statement, Int32(column))) }

    func isNull(at column: Int) -> Bool { sqlite_nio_sqlite3_column_type(statement, Int32(column)) == SQLITE_NULL }

    func isInteger(at column: Int) -> Bool {
        sqlite_nio_sqlite3_column_type(statement, Int32(column)) == SQLITE_INTEGER
    }

    func integer(at column: Int) -> Int64 { sqlite_nio_sqlite3_column_int64(statement, Int32(column)) }

    func text(at column: Int) -> String {
        guard let bytes = sqlite_nio_sqlite3_column_text(statement, Int32(column)) else { return "" }
        let count = Int(sqlite_nio_sqlite3_column_bytes(statement, Int32(column)))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The value of `column` as sqlite-nio's value type, for rows read through SQLKit.
    func data(at column: Int) -> SQLiteData {
        let index = Int32(column)
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT: return .text(text(at: column))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            guard count > 0, let bytes = sqlite_nio_sqlite3_column_blob(statement, index) else {
                return .blob(ByteBuffer())
            }
            return .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }
}

/// A SQLite error code with the connection's message and the statement that failed.
struct SQLiteFailure: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    let sql: String

    /// `SQLITE_BUSY` and its extended codes: another connection holds the lock.
    var isBusy: Bool { code & 0xFF == SQLITE_BUSY }

    var description: String { "\(message) (SQLite code \(code)) in: \(sql.prefix(120))" }
}

extension SQLiteFailure {
    /// The kind of failure by its primary result code, in words safe to show: no SQL, no driver message.
    var reason: String {
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED: "the database is busy"
        case SQLITE_CONSTRAINT: "a value breaks a rule of the database (a duplicate or a missing reference)"
        case SQLITE_FULL: "the disk is full"
        case SQLITE_READONLY: "the database is read-only"
        case SQLITE_IOERR: "reading or writing the database file failed"
        case SQLITE_CORRUPT, SQLITE_NOTADB: "the database file is damaged"
        case SQLITE_CANTOPEN: "the database file cannot be opened"
        case SQLITE_NOMEM: "out of memory"
        case SQLITE_MISUSE: "the database connection is closed"
        default: "the database refused the statement (code \(code))"
        }
    }
}
