import Foundation

/// Times are stored as integer Unix milliseconds so SQL is the same on SQLite and PostgreSQL.
enum Millis {
    static func from(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func from(_ date: Date?) -> Int64? { date.map { from($0) } }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
    static func optionalDate(_ millis: Int64?) -> Date? { millis.map { date($0) } }
}
