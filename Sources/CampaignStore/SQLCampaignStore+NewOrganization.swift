import Foundation
import SQLKit

extension SQLCampaignStore {
    public func createOrganization(_ setup: NewOrganization, now: Date) async throws -> Int64 {
        try await transaction { db in
            guard
                try await db.raw("SELECT 1 AS hit FROM organizations WHERE name = \(bind: setup.name)").first() == nil
            else { throw StoreError.database("an organisation named '\(setup.name)' exists already") }
            guard
                try await db.raw("SELECT 1 AS hit FROM users WHERE email = \(bind: setup.adminEmail)").first() == nil
            else { throw StoreError.database("a user with the email '\(setup.adminEmail)' exists already") }
            let at = Millis.from(now)
            let orgId = try await insertReturningId(
                db, "INSERT INTO organizations (name, created_at) VALUES (\(bind: setup.name), \(bind: at))")
            try await db.raw(
                """
                INSERT INTO users (org_id, email, password_hash, role, created_at)
                VALUES (\(bind: orgId), \(bind: setup.adminEmail), \(bind: setup.passwordHash), 'admin', \(bind: at))
                """
            ).run()
            try await db.raw(
                """
                INSERT INTO api_keys (org_id, name, prefix, secret_hash, role, created_at)
                VALUES (\(bind: orgId), \(bind: setup.keyName), \(bind: setup.keyPrefix), \(bind: setup.keyHash),
                'admin', \(bind: at))
                """
            ).run()
            return orgId
        }
    }
}
