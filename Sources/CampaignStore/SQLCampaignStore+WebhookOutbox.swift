import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func dueWebhookDeliveries(webhookId: Int64, now: Date, limit: Int) async throws -> [WebhookDue] {
        // Only heads are `pending` (a lead's later deliveries are `waiting` behind its head), so this reads the
        // due heads on their index in event order and nothing else.
        try await read { db in
            let rows = try await db.raw(
                """
                SELECT d.id AS delivery_id, d.failures AS failures, e.id, e.org_id, e.campaign_id, e.type, e.payload,
                e.created_at FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
                WHERE d.webhook_id = \(bind: webhookId) AND d.state = 'pending' AND d.next_at <= \(bind: Millis.from(now))
                ORDER BY d.event_id LIMIT \(bind: max(1, limit))
                """
            ).all()
            guard let orgId = try rows.first?.decode(column: "org_id", as: Int64.self) else { return [] }
            var changes: [ChangeRow] = []
            var deliveries: [(Int64, Int)] = []
            for row in rows {
                changes.append(try Self.changeRow(row))
                deliveries.append(
                    (
                        try row.decode(column: "delivery_id", as: Int64.self),
                        try row.decode(column: "failures", as: Int.self)
                    ))
            }
            let withData = try await withEventData(db, orgId: orgId, changes)
            return zip(withData, deliveries).map { change, delivery in
                WebhookDue(
                    deliveryId: delivery.0, eventId: change.id, failures: delivery.1, type: change.type,
                    createdAt: change.createdAt, data: change.data)
            }
        }
    }

    public func recordWebhookAttempts(
        webhookId: Int64, _ results: [WebhookAttemptResult], disableBefore: Date, now: Date
    ) async throws -> Bool {
        try await recordAttempts(webhookId: webhookId, results, plan: nil, disableBefore: disableBefore, now: now)
            .disabled
    }

    public func recordWebhookAttemptsAndFanOut(
        webhookId: Int64, _ results: [WebhookAttemptResult], disableBefore: Date, now: Date, fanOutLimit: Int,
        gapWait: TimeInterval
    ) async throws -> (disabled: Bool, queued: Int) {
        // The fan-out is read on a reader first, as on its own.
        let plan = try await read { db in
            try await fanOutPlan(db, webhookId: webhookId, limit: max(1, fanOutLimit), now: now, gapWait: gapWait)
        }
        return try await recordAttempts(
            webhookId: webhookId, results, plan: plan, disableBefore: disableBefore, now: now)
    }

    /// Records the attempts and queues `plan`'s events in one delivery transaction, then, in one main transaction,
    /// notes the endpoint's health (disabling it and telling its organisation when it is due) and moves the cursor.
    /// A crash between the two leaves the attempts recorded and the cursor where it was: the next round queues the
    /// same events again, which writes nothing, and notes the health then.
    private func recordAttempts(
        webhookId: Int64, _ results: [WebhookAttemptResult], plan: FanOutPlan?, disableBefore: Date, now: Date
    ) async throws -> (disabled: Bool, queued: Int) {
        let owner = try await read { db in
            try await db.raw("SELECT org_id FROM webhooks WHERE id = \(bind: webhookId)").first()?
                .decode(column: "org_id", as: Int64.self)
        }
        guard let orgId = owner else { return (false, 0) }
        if !results.isEmpty || plan != nil {
            try await deliveryTransaction { db in
                try await recordDeliveries(db, webhookId: webhookId, orgId: orgId, results, now: now)
                if let plan { try await queueDeliveries(db, plan, now: now) }
            }
        }
        return try await transactionOnSharedPool { db in
            guard
                let hook = try await db.raw("SELECT * FROM webhooks WHERE id = \(bind: webhookId)").first()
                    .map(Self.webhook(from:))
            else { return (false, 0) }
            let disabled = try await updateHealth(db, hook: hook, results, disableBefore: disableBefore, now: now)
            guard let plan else { return (disabled, 0) }
            return (disabled, try await moveCursor(db, plan, now: now))
        }
    }

    /// Logs the attempts and moves each delivery on, in the caller's delivery transaction: delivered, given up, or
    /// due again at its retry; a lead whose head is done moves on to its next waiting delivery.
    private func recordDeliveries(
        _ db: any SQLDatabase, webhookId: Int64, orgId: Int64, _ results: [WebhookAttemptResult], now: Date
    ) async throws {
        guard !results.isEmpty else { return }
        try await logAttempts(db, webhookId: webhookId, orgId: orgId, results)
        let millis = Millis.from(now)
        var update = SQLQueryString("WITH v (id, state, failed, next_at) AS (VALUES ")
        for (index, result) in results.enumerated() {
            let state = result.succeeded ? "delivered" : result.retryAt == nil ? "failed" : "pending"
            update += index == 0 ? "" : ", "
            update += """
                (\(bind: result.deliveryId), \(bind: state), \(bind: result.succeeded ? 0 : 1),
                \(bind: Millis.from(result.retryAt) ?? millis))
                """
        }
        update += """
            ) UPDATE webhook_deliveries SET state = v.state, failures = webhook_deliveries.failures + v.failed,
            next_at = v.next_at, updated_at = \(bind: millis)
            FROM v WHERE webhook_deliveries.id = v.id AND webhook_deliveries.webhook_id = \(bind: webhookId)
            """
        try await db.raw(update).run()
        let done = results.filter { $0.succeeded || $0.retryAt == nil }.map(\.deliveryId)
        guard !done.isEmpty else { return }
        var promote: SQLQueryString = "WITH k (order_key) AS (SELECT DISTINCT order_key FROM webhook_deliveries "
        promote += "WHERE webhook_id = \(bind: webhookId) AND id IN ("
        for (index, id) in done.enumerated() { promote += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
        promote += ")) "
        promote += promoteHeadsStatement(webhookId: webhookId)
        try await db.raw(promote).run()
    }

    /// Appends the attempts to the delivery log.
    private func logAttempts(
        _ db: any SQLDatabase, webhookId: Int64, orgId: Int64, _ results: [WebhookAttemptResult]
    ) async throws {
        var log = SQLQueryString(
            """
            INSERT INTO webhook_attempts (org_id, webhook_id, delivery_id, at, status_code, latency_ms,
            response_body, error) VALUES\u{20}
            """)
        for (index, result) in results.enumerated() {
            log += index == 0 ? "" : ", "
            log += """
                (\(bind: orgId), \(bind: webhookId), \(bind: result.deliveryId), \(bind: Millis.from(result.at)),
                \(bind: result.statusCode), \(bind: result.latencyMs), \(bind: result.responseBody),
                \(bind: result.error))
                """
        }
        try await db.raw(log).run()
    }

    /// Notes a success, or the start of a run of failures; disables an endpoint failing since before
    /// `disableBefore` (a run of failures with no success, attempts or not) and tells its organisation.
    private func updateHealth(
        _ db: any SQLDatabase, hook: WebhookSubscription, _ results: [WebhookAttemptResult], disableBefore: Date,
        now: Date
    ) async throws -> Bool {
        let webhookId = hook.id
        let millis = Millis.from(now)
        if let success = results.filter(\.succeeded).map(\.at).max() {
            try await db.raw(
                """
                UPDATE webhooks SET last_success_at = \(bind: Millis.from(success)), failing_since = NULL
                WHERE id = \(bind: webhookId)
                """
            ).run()
            return false
        }
        guard let failingSince = hook.failingSince ?? results.map(\.at).min() else { return false }
        if hook.failingSince == nil {
            try await db.raw(
                "UPDATE webhooks SET failing_since = \(bind: Millis.from(failingSince)) WHERE id = \(bind: webhookId)"
            ).run()
        }
        let lastGood = max(hook.lastSuccessAt ?? hook.createdAt, failingSince)
        guard hook.enabled, lastGood < disableBefore else { return false }
        try await db.raw(
            """
            UPDATE webhooks SET enabled = 0, disabled_at = \(bind: millis), updated_at = \(bind: millis)
            WHERE id = \(bind: webhookId)
            """
        ).run()
        try await AuditContext.$actor.withValue(.system) {
            try await recordAudit(
                db, orgId: hook.orgId, action: "webhook.disable", target: ("webhook", webhookId),
                detail: [
                    "reason": "no successful delivery since \(ISOTime.format(lastGood))", "url": hook.url,
                ], now: now)
        }
        return true
    }

    public func webhookDeliveries(
        orgId: Int64, webhookId: Int64, beforeId: Int64?, limit: Int
    ) async throws -> [WebhookDelivery] {
        try await read { db in
            let rows = try await db.raw(
                """
                SELECT d.id, d.event_id, d.state, d.next_at, d.created_at, e.type FROM webhook_deliveries d
                JOIN events e ON e.id = d.event_id
                WHERE d.webhook_id = \(bind: webhookId) AND d.org_id = \(bind: orgId)
                AND d.event_id < \(bind: beforeId ?? Int64.max) ORDER BY d.event_id DESC LIMIT \(bind: limit)
                """
            ).all()
            var deliveries = try rows.map { row in
                // A delivery waiting behind its lead's head is pending to the API.
                let stored = try row.decode(column: "state", as: String.self)
                let state = stored == "waiting" ? "pending" : stored
                return WebhookDelivery(
                    id: try row.decode(column: "id", as: Int64.self),
                    eventId: try row.decode(column: "event_id", as: Int64.self),
                    type: try row.decode(column: "type", as: String.self), state: state,
                    nextAttemptAt: state == "pending"
                        ? Millis.date(try row.decode(column: "next_at", as: Int64.self)) : nil,
                    createdAt: Millis.date(try row.decode(column: "created_at", as: Int64.self)), attempts: [])
            }
            guard !deliveries.isEmpty else { return [] }
            var sql: SQLQueryString =
                "SELECT * FROM webhook_attempts WHERE org_id = \(bind: orgId) AND delivery_id IN ("
            for (index, delivery) in deliveries.enumerated() {
                sql += index == 0 ? "\(bind: delivery.id)" : ", \(bind: delivery.id)"
            }
            sql += ") ORDER BY id"
            var attempts: [Int64: [WebhookAttempt]] = [:]
            for row in try await db.raw(sql).all() {
                attempts[try row.decode(column: "delivery_id", as: Int64.self), default: []].append(
                    WebhookAttempt(
                        id: try row.decode(column: "id", as: Int64.self),
                        at: Millis.date(try row.decode(column: "at", as: Int64.self)),
                        statusCode: try row.decode(column: "status_code", as: Int?.self),
                        latencyMs: try row.decode(column: "latency_ms", as: Int.self),
                        responseBody: try row.decode(column: "response_body", as: String.self),
                        error: try row.decode(column: "error", as: String?.self)))
            }
            for index in deliveries.indices { deliveries[index].attempts = attempts[deliveries[index].id] ?? [] }
            return deliveries
        }
    }

    public func redeliverWebhook(orgId: Int64, webhookId: Int64, deliveryId: Int64, now: Date) async throws -> Bool {
        _ = try await read { db in try await loadWebhook(db, orgId: orgId, id: webhookId) }
        let found = try await deliveryTransaction { db in
            let key = try await db.raw(
                """
                UPDATE webhook_deliveries SET state = \(unsafeRaw: Self.requeuedState), failures = 0,
                next_at = \(bind: Millis.from(now)), updated_at = \(bind: Millis.from(now))
                WHERE id = \(bind: deliveryId) AND webhook_id = \(bind: webhookId) AND org_id = \(bind: orgId)
                RETURNING order_key
                """
            ).first()?.decode(column: "order_key", as: String.self)
            if let key { try await promoteWebhookHeads(db, webhookId: webhookId, keys: [key]) }
            return key != nil
        }
        if found {
            try await transaction { db in
                try await recordAudit(
                    db, orgId: orgId, action: "webhook.redeliver", target: ("webhook", webhookId),
                    detail: ["delivery": String(deliveryId)], now: now)
            }
        }
        return found
    }

    public func redeliverWebhooks(orgId: Int64, webhookId: Int64, since: Date, now: Date) async throws -> Int {
        _ = try await read { db in try await loadWebhook(db, orgId: orgId, id: webhookId) }
        let count = try await deliveryTransaction { db in
            let count = try await db.raw(
                """
                UPDATE webhook_deliveries SET state = \(unsafeRaw: Self.requeuedState), failures = 0,
                next_at = \(bind: Millis.from(now)), updated_at = \(bind: Millis.from(now))
                WHERE webhook_id = \(bind: webhookId) AND org_id = \(bind: orgId)
                AND created_at >= \(bind: Millis.from(since))
                RETURNING id
                """
            ).all().count
            var promote: SQLQueryString = "WITH k (order_key) AS (SELECT DISTINCT order_key FROM webhook_deliveries "
            promote += "WHERE webhook_id = \(bind: webhookId) AND state = 'waiting') "
            promote += promoteHeadsStatement(webhookId: webhookId)
            try await db.raw(promote).run()
            return count
        }
        try await transaction { db in
            try await recordAudit(
                db, orgId: orgId, action: "webhook.redeliver", target: ("webhook", webhookId),
                detail: ["since": ISOTime.format(since), "count": String(count)], now: now)
        }
        return count
    }

    /// A delivery queued again by hand: a head stays the head (due now); any other waits for its lead's head.
    static let requeuedState = "CASE WHEN state = 'pending' THEN 'pending' ELSE 'waiting' END"
}
