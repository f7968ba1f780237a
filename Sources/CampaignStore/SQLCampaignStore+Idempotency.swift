import Foundation
import SQLKit

extension SQLCampaignStore: IdempotencyStore {
    public func claimIdempotencyKey(
        orgId: Int64, key: String, fingerprint: String, now: Date, expiredBefore: Date, abandonedBefore: Date
    ) async throws -> IdempotencyClaim {
        try await transaction { db in
            try await db.raw(
                """
                DELETE FROM idempotency_keys WHERE org_id = \(bind: orgId) AND created_at < \(bind: Millis.from(expiredBefore))
                """
            ).run()
            if let row = try await db.raw(
                """
                SELECT fingerprint, status, headers, body, created_at FROM idempotency_keys
                WHERE org_id = \(bind: orgId) AND idempotency_key = \(bind: key)
                """
            ).first() {
                guard try row.decode(column: "fingerprint", as: String.self) == fingerprint else { return .mismatch }
                if let status = try row.decode(column: "status", as: Int?.self) {
                    return .finished(
                        StoredReply(
                            status: status, headers: try row.decode(column: "headers", as: String.self),
                            body: try row.decode(column: "body", as: String.self)))
                }
                guard try row.decode(column: "created_at", as: Int64.self) < Millis.from(abandonedBefore) else {
                    return .inProgress
                }
                try await db.raw(
                    """
                    UPDATE idempotency_keys SET created_at = \(bind: Millis.from(now))
                    WHERE org_id = \(bind: orgId) AND idempotency_key = \(bind: key)
                    """
                ).run()
                return .claimed
            }
            try await db.raw(
                """
                INSERT INTO idempotency_keys (org_id, idempotency_key, fingerprint, headers, body, created_at)
                VALUES (\(bind: orgId), \(bind: key), \(bind: fingerprint), '', '', \(bind: Millis.from(now)))
                """
            ).run()
            return .claimed
        }
    }

    public func finishIdempotencyKey(orgId: Int64, key: String, reply: StoredReply) async throws {
        try await serial { db in
            try await db.raw(
                """
                UPDATE idempotency_keys SET status = \(bind: reply.status), headers = \(bind: reply.headers),
                body = \(bind: reply.body) WHERE org_id = \(bind: orgId) AND idempotency_key = \(bind: key)
                """
            ).run()
        }
    }

    public func releaseIdempotencyKey(orgId: Int64, key: String) async throws {
        try await serial { db in
            try await db.raw(
                "DELETE FROM idempotency_keys WHERE org_id = \(bind: orgId) AND idempotency_key = \(bind: key)"
            ).run()
        }
    }
}
