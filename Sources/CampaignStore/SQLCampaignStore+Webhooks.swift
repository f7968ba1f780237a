import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: WebhookStore {
    public func createWebhook(
        orgId: Int64, draft: WebhookDraft, secret: String, now: Date
    ) async throws -> WebhookSubscription {
        try await transaction { db in
            let cursor =
                try await db.raw("SELECT MAX(id) AS n FROM events").first()?
                .decode(column: "n", as: Int64?.self) ?? 0
            let id = try await insertReturningId(
                db,
                """
                INSERT INTO webhooks (org_id, url, events, enabled, secret, event_cursor, created_at, updated_at)
                VALUES (\(bind: orgId), \(bind: draft.url), \(bind: draft.events.joined(separator: ",")),
                \(bind: draft.enabled ? 1 : 0), \(bind: secret), \(bind: cursor), \(bind: Millis.from(now)),
                \(bind: Millis.from(now)))
                """)
            try await recordAudit(
                db, orgId: orgId, action: "webhook.create", target: ("webhook", id),
                detail: ["url": draft.url, "events": draft.events.joined(separator: ",")], now: now)
            return try await loadWebhook(db, orgId: orgId, id: id)
        }
    }

    public func webhooks(orgId: Int64, afterId: Int64?, limit: Int) async throws -> [WebhookSubscription] {
        try await read { db in
            try await db.raw(
                """
                SELECT * FROM webhooks WHERE org_id = \(bind: orgId) AND id > \(bind: afterId ?? 0)
                ORDER BY id LIMIT \(bind: limit)
                """
            ).all().map(Self.webhook(from:))
        }
    }

    public func webhook(orgId: Int64, id: Int64) async throws -> WebhookSubscription? {
        try await read { db in
            try await db.raw("SELECT * FROM webhooks WHERE id = \(bind: id) AND org_id = \(bind: orgId)").first()
                .map(Self.webhook(from:))
        }
    }

    public func updateWebhook(
        orgId: Int64, id: Int64, draft: WebhookDraft, now: Date
    ) async throws -> WebhookSubscription {
        try await transaction { db in
            let before = try await loadWebhook(db, orgId: orgId, id: id)
            let reenabled = draft.enabled && !before.enabled
            try await db.raw(
                """
                UPDATE webhooks SET url = \(bind: draft.url), events = \(bind: draft.events.joined(separator: ",")),
                enabled = \(bind: draft.enabled ? 1 : 0), updated_at = \(bind: Millis.from(now)),
                disabled_at = \(bind: reenabled ? nil : Millis.from(before.disabledAt)),
                failing_since = \(bind: reenabled ? nil : Millis.from(before.failingSince))
                WHERE id = \(bind: id) AND org_id = \(bind: orgId)
                """
            ).run()
            var detail = ["url": draft.url, "events": draft.events.joined(separator: ",")]
            detail["enabled"] = draft.enabled ? "true" : "false"
            try await recordAudit(
                db, orgId: orgId, action: "webhook.edit", target: ("webhook", id), detail: detail, now: now)
            return try await loadWebhook(db, orgId: orgId, id: id)
        }
    }

    public func deleteWebhook(orgId: Int64, id: Int64, now: Date) async throws {
        try await transaction { db in
            _ = try await loadWebhook(db, orgId: orgId, id: id)
            try await db.raw("DELETE FROM webhooks WHERE id = \(bind: id) AND org_id = \(bind: orgId)").run()
            try await recordAudit(db, orgId: orgId, action: "webhook.delete", target: ("webhook", id), now: now)
        }
        // Then its deliveries and their log (their own file on SQLite). Rows a crash or a round still in flight
        // leaves behind belong to no subscription: an id is never used again (``webhookIdsVersion``), so nothing
        // ever reads them.
        try await deliveryTransaction { db in
            try await db.raw("DELETE FROM webhook_attempts WHERE webhook_id = \(bind: id) AND org_id = \(bind: orgId)")
                .run()
            try await db.raw(
                "DELETE FROM webhook_deliveries WHERE webhook_id = \(bind: id) AND org_id = \(bind: orgId)"
            ).run()
        }
    }

    public func rotateWebhookSecret(
        orgId: Int64, id: Int64, secret: String, overlapUntil: Date, now: Date
    ) async throws -> WebhookSubscription {
        try await transaction { db in
            _ = try await loadWebhook(db, orgId: orgId, id: id)
            try await db.raw(
                """
                UPDATE webhooks SET previous_secret = secret, previous_secret_until = \(bind: Millis.from(overlapUntil)),
                secret = \(bind: secret), updated_at = \(bind: Millis.from(now))
                WHERE id = \(bind: id) AND org_id = \(bind: orgId)
                """
            ).run()
            try await recordAudit(
                db, orgId: orgId, action: "webhook.rotate-secret", target: ("webhook", id),
                detail: ["previousSecretUntil": ISOTime.format(overlapUntil)], now: now)
            return try await loadWebhook(db, orgId: orgId, id: id)
        }
    }

    public func activeWebhooks() async throws -> [WebhookSubscription] {
        try await read { db in
            try await db.raw("SELECT * FROM webhooks WHERE enabled = 1 ORDER BY id").all().map(Self.webhook(from:))
        }
    }

    func loadWebhook(_ db: any SQLDatabase, orgId: Int64, id: Int64) async throws -> WebhookSubscription {
        guard
            let row = try await db.raw("SELECT * FROM webhooks WHERE id = \(bind: id) AND org_id = \(bind: orgId)")
                .first()
        else { throw CatalogError.notFound(kind: "webhook", id: String(id)) }
        return try Self.webhook(from: row)
    }

    static func webhook(from row: any SQLRow) throws -> WebhookSubscription {
        func date(_ column: String) throws -> Date? {
            Millis.optionalDate(try row.decode(column: column, as: Int64?.self))
        }
        return WebhookSubscription(
            id: try row.decode(column: "id", as: Int64.self), orgId: try row.decode(column: "org_id", as: Int64.self),
            url: try row.decode(column: "url", as: String.self),
            events: try row.decode(column: "events", as: String.self).split(separator: ",").map(String.init),
            enabled: try row.decode(column: "enabled", as: Int.self) != 0,
            secret: try row.decode(column: "secret", as: String.self),
            previousSecret: try row.decode(column: "previous_secret", as: String?.self),
            previousSecretUntil: try date("previous_secret_until"), lastSuccessAt: try date("last_success_at"),
            failingSince: try date("failing_since"), disabledAt: try date("disabled_at"),
            createdAt: Millis.date(try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Millis.date(try row.decode(column: "updated_at", as: Int64.self)))
    }
}
