import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: UserDirectory {
    public func users(orgId: Int64) async throws -> [UserRecord] {
        try await read { db in
            try await db.raw("SELECT * FROM users WHERE org_id = \(bind: orgId) ORDER BY id").all()
                .map(Self.decodeUser)
        }
    }

    public func user(orgId: Int64, id: Int64) async throws -> UserRecord? {
        try await read { db in
            try await db.raw("SELECT * FROM users WHERE id = \(bind: id) AND org_id = \(bind: orgId)").first()
                .map(Self.decodeUser)
        }
    }

    public func setUserRole(orgId: Int64, id: Int64, role: AccessRole, now: Date) async throws -> UserRecord? {
        try await transaction { db in
            guard
                let current = try await db.raw("SELECT * FROM users WHERE id = \(bind: id) AND org_id = \(bind: orgId)")
                    .first().map(Self.decodeUser)
            else { return nil }
            if current.role == .admin, role != .admin, try await Self.otherAdmins(db, orgId: orgId, except: id) == 0 {
                throw UserDirectoryError.lastAdmin(userId: id)
            }
            try await db.raw(
                "UPDATE users SET role = \(bind: role.rawValue) WHERE id = \(bind: id) AND org_id = \(bind: orgId)"
            ).run()
            try await recordAudit(
                db, orgId: orgId, action: "user.role", target: ("user", id),
                detail: ["email": current.email, "from": current.role.rawValue, "to": role.rawValue], now: now)
            var updated = current
            updated.role = role
            return updated
        }
    }

    public func deleteUser(orgId: Int64, id: Int64, now: Date) async throws -> Bool {
        try await transaction { db in
            guard
                let current = try await db.raw("SELECT * FROM users WHERE id = \(bind: id) AND org_id = \(bind: orgId)")
                    .first().map(Self.decodeUser)
            else { return false }
            if current.role == .admin, try await Self.otherAdmins(db, orgId: orgId, except: id) == 0 {
                throw UserDirectoryError.lastAdmin(userId: id)
            }
            try await db.raw("DELETE FROM sessions WHERE user_id = \(bind: id) AND org_id = \(bind: orgId)").run()
            try await db.raw("DELETE FROM users WHERE id = \(bind: id) AND org_id = \(bind: orgId)").run()
            try await recordAudit(
                db, orgId: orgId, action: "user.delete", target: ("user", id), detail: ["email": current.email],
                now: now)
            return true
        }
    }

    static func otherAdmins(_ db: any SQLDatabase, orgId: Int64, except id: Int64) async throws -> Int64 {
        try await db.raw(
            """
            SELECT COUNT(*) AS n FROM users WHERE org_id = \(bind: orgId) AND role = 'admin' AND id <> \(bind: id)
            """
        ).first()?.decode(column: "n", as: Int64.self) ?? 0
    }

    static func decodeUser(_ row: any SQLRow) throws -> UserRecord {
        guard let role = AccessRole(rawValue: try row.decode(column: "role", as: String.self)) else {
            throw StoreError.database("a user has an unknown role")
        }
        return UserRecord(
            id: try row.decode(column: "id", as: Int64.self), orgId: try row.decode(column: "org_id", as: Int64.self),
            email: try row.decode(column: "email", as: String.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self), role: role)
    }
}
