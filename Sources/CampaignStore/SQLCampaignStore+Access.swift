import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: AccessStore {
    public func organizations() async throws -> [OrganizationRecord] {
        try await read { db in
            try await db.raw("SELECT id, name FROM organizations ORDER BY id").all().map { row in
                OrganizationRecord(
                    id: try row.decode(column: "id", as: Int64.self),
                    name: try row.decode(column: "name", as: String.self))
            }
        }
    }

    public func createAPIKey(
        orgId: Int64, name: String, role: AccessRole, prefix: String, secretHash: String, now: Date
    ) async throws -> APIKeyRecord {
        try await transaction { db in
            guard try await db.raw("SELECT 1 AS hit FROM organizations WHERE id = \(bind: orgId)").first() != nil else {
                throw StoreError.database("organisation \(orgId) does not exist")
            }
            guard
                let row = try await db.raw(
                    """
                    INSERT INTO api_keys (org_id, name, prefix, secret_hash, role, created_at)
                    VALUES (\(bind: orgId), \(bind: name), \(bind: prefix), \(bind: secretHash), \(bind: role.rawValue),
                    \(bind: Millis.from(now))) RETURNING *
                    """
                ).first()
            else { throw StoreError.database("the API key was not stored") }
            let key = try Self.decodeAPIKey(row)
            try await recordAudit(
                db, orgId: orgId, action: "apikey.create", target: ("apikey", key.id),
                detail: ["name": name, "prefix": prefix, "role": role.rawValue], now: now)
            return key
        }
    }

    public func apiKey(secretHash: String) async throws -> APIKeyRecord? {
        try await read { db in
            try await db.raw("SELECT * FROM api_keys WHERE secret_hash = \(bind: secretHash)").first()
                .map(Self.decodeAPIKey)
        }
    }

    public func markAPIKeyUsed(id: Int64, now: Date) async throws {
        try await serial { db in
            try await db.raw("UPDATE api_keys SET last_used_at = \(bind: Millis.from(now)) WHERE id = \(bind: id)")
                .run()
        }
    }

    public func apiKeys(orgId: Int64) async throws -> [APIKeyRecord] {
        try await read { db in
            try await db.raw("SELECT * FROM api_keys WHERE org_id = \(bind: orgId) ORDER BY id").all()
                .map(Self.decodeAPIKey)
        }
    }

    public func revokeAPIKey(orgId: Int64, id: Int64, now: Date) async throws -> APIKeyRecord? {
        try await transaction { db in
            let revoked = try await db.raw(
                """
                UPDATE api_keys SET revoked_at = \(bind: Millis.from(now))
                WHERE id = \(bind: id) AND org_id = \(bind: orgId) AND revoked_at IS NULL RETURNING id
                """
            ).all()
            if !revoked.isEmpty {
                try await recordAudit(db, orgId: orgId, action: "apikey.revoke", target: ("apikey", id), now: now)
            }
            return try await db.raw("SELECT * FROM api_keys WHERE id = \(bind: id) AND org_id = \(bind: orgId)")
                .first().map(Self.decodeAPIKey)
        }
    }

    public func createUser(
        orgId: Int64, email: String, passwordHash: String, role: AccessRole, now: Date
    ) async throws -> Int64 {
        try await transaction { db in
            guard
                try await db.raw("SELECT 1 AS hit FROM users WHERE email = \(bind: email)").first() == nil
            else { throw StoreError.database("a user with the email '\(email)' exists already") }
            guard
                let row = try await db.raw(
                    """
                    INSERT INTO users (org_id, email, password_hash, role, created_at)
                    VALUES (\(bind: orgId), \(bind: email), \(bind: passwordHash), \(bind: role.rawValue),
                    \(bind: Millis.from(now))) RETURNING id
                    """
                ).first()
            else { throw StoreError.database("the user was not stored") }
            let id = try row.decode(column: "id", as: Int64.self)
            try await recordAudit(
                db, orgId: orgId, action: "user.create", target: ("user", id),
                detail: ["email": email, "role": role.rawValue], now: now)
            return id
        }
    }

    public func user(email: String) async throws -> UserRecord? {
        try await read { db in
            guard let row = try await db.raw("SELECT * FROM users WHERE email = \(bind: email)").first() else {
                return nil
            }
            guard let role = AccessRole(rawValue: try row.decode(column: "role", as: String.self)) else {
                throw StoreError.database("a user has an unknown role")
            }
            return UserRecord(
                id: try row.decode(column: "id", as: Int64.self),
                orgId: try row.decode(column: "org_id", as: Int64.self),
                email: try row.decode(column: "email", as: String.self),
                passwordHash: try row.decode(column: "password_hash", as: String.self), role: role)
        }
    }

    static func decodeAPIKey(_ row: any SQLRow) throws -> APIKeyRecord {
        guard let role = AccessRole(rawValue: try row.decode(column: "role", as: String.self)) else {
            throw StoreError.database("an API key has an unknown role")
        }
        return APIKeyRecord(
            id: try row.decode(column: "id", as: Int64.self), orgId: try row.decode(column: "org_id", as: Int64.self),
            name: try row.decode(column: "name", as: String.self),
            prefix: try row.decode(column: "prefix", as: String.self), role: role,
            createdAt: Millis.date(try row.decode(column: "created_at", as: Int64.self)),
            lastUsedAt: Millis.optionalDate(try row.decode(column: "last_used_at", as: Int64?.self)),
            revokedAt: Millis.optionalDate(try row.decode(column: "revoked_at", as: Int64?.self)))
    }
}
