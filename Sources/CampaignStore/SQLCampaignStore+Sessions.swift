import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: SessionStore {
    public func createSession(
        userId: Int64, tokenHash: String, csrfToken: String, now: Date, expiresAt: Date
    ) async throws -> SessionRecord? {
        try await transaction { db in
            guard
                let user = try await db.raw("SELECT org_id FROM users WHERE id = \(bind: userId)").first()
            else { return nil }
            let orgId = try user.decode(column: "org_id", as: Int64.self)
            let at = Millis.from(now)
            let id = try await insertReturningId(
                db,
                """
                INSERT INTO sessions (token_hash, user_id, org_id, csrf_token, created_at, last_seen_at, expires_at)
                VALUES (\(bind: tokenHash), \(bind: userId), \(bind: orgId), \(bind: csrfToken), \(bind: at),
                \(bind: at), \(bind: Millis.from(expiresAt)))
                """)
            return try await Self.session(db, "s.id = \(bind: id)")
        }
    }

    public func session(tokenHash: String) async throws -> SessionRecord? {
        try await read { db in try await Self.session(db, "s.token_hash = \(bind: tokenHash)") }
    }

    public func markSessionSeen(id: Int64, now: Date) async throws {
        try await serial { db in
            try await db.raw("UPDATE sessions SET last_seen_at = \(bind: Millis.from(now)) WHERE id = \(bind: id)")
                .run()
        }
    }

    public func deleteSession(id: Int64) async throws {
        try await serial { db in try await db.raw("DELETE FROM sessions WHERE id = \(bind: id)").run() }
    }

    public func deleteEndedSessions(now: Date, idleBefore: Date) async throws {
        try await serial { db in
            try await db.raw(
                """
                DELETE FROM sessions WHERE expires_at <= \(bind: Millis.from(now))
                OR last_seen_at < \(bind: Millis.from(idleBefore))
                """
            ).run()
        }
    }

    public func signInFailures(_ subject: SignInSubject, since: Date) async throws -> [Date] {
        try await read { db in
            try await db.raw(
                """
                SELECT at FROM sign_in_failures WHERE kind = \(bind: subject.kind) AND subject = \(bind: subject.value)
                AND at > \(bind: Millis.from(since)) ORDER BY at LIMIT 1000
                """
            ).all().map { Millis.date(try $0.decode(column: "at", as: Int64.self)) }
        }
    }

    public func recordSignInFailure(_ subjects: [SignInSubject], now: Date, forgetBefore: Date) async throws {
        try await transaction { db in
            try await db.raw("DELETE FROM sign_in_failures WHERE at <= \(bind: Millis.from(forgetBefore))").run()
            for subject in subjects {
                try await db.raw(
                    """
                    INSERT INTO sign_in_failures (kind, subject, at)
                    VALUES (\(bind: subject.kind), \(bind: subject.value), \(bind: Millis.from(now)))
                    """
                ).run()
            }
        }
    }

    public func clearSignInFailures(_ subject: SignInSubject) async throws {
        try await serial { db in
            try await db.raw(
                "DELETE FROM sign_in_failures WHERE kind = \(bind: subject.kind) AND subject = \(bind: subject.value)"
            ).run()
        }
    }

    static func session(_ db: any SQLDatabase, _ condition: SQLQueryString) async throws -> SessionRecord? {
        var query: SQLQueryString = """
            SELECT s.id, s.user_id, s.org_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, u.email, u.role
            FROM sessions s JOIN users u ON u.id = s.user_id AND u.org_id = s.org_id WHERE\u{20}
            """
        query += condition
        guard let row = try await db.raw(query).first() else { return nil }
        guard let role = AccessRole(rawValue: try row.decode(column: "role", as: String.self)) else {
            throw StoreError.database("a user has an unknown role")
        }
        return SessionRecord(
            id: try row.decode(column: "id", as: Int64.self), userId: try row.decode(column: "user_id", as: Int64.self),
            orgId: try row.decode(column: "org_id", as: Int64.self),
            email: try row.decode(column: "email", as: String.self), role: role,
            csrfToken: try row.decode(column: "csrf_token", as: String.self),
            createdAt: Millis.date(try row.decode(column: "created_at", as: Int64.self)),
            lastSeenAt: Millis.date(try row.decode(column: "last_seen_at", as: Int64.self)),
            expiresAt: Millis.date(try row.decode(column: "expires_at", as: Int64.self)))
    }
}
