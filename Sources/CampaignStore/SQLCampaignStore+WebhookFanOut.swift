import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func fanOutWebhookEvents(
        webhookId: Int64, limit: Int, now: Date, gapWait: TimeInterval
    ) async throws -> Int {
        // Everything is read on a reader first (most rounds find nothing new); the write transaction, which the
        // engine records with too, only writes, and moves the cursor only from where the read found it.
        let plan = try await read { db in
            try await fanOutPlan(db, webhookId: webhookId, limit: max(1, limit), now: now, gapWait: gapWait)
        }
        guard let plan else { return 0 }
        try await deliveryTransaction { db in try await queueDeliveries(db, plan, now: now) }
        return try await transactionOnSharedPool { db in try await moveCursor(db, plan, now: now) }
    }

    /// What a fan-out round will write.
    struct FanOutPlan: Sendable {
        var webhookId: Int64
        var orgId: Int64
        var fromCursor: Int64
        var step: WebhookEventWindow.Step
        /// The wanted events to queue, ascending, each with its order key.
        var events: [(event: ChangeRow, key: String)]
        /// Events read (new and gaps filled, every organisation's).
        var read: Int
    }

    /// Reads what is new for the subscription: the ids after its cursor (every organisation's, to see gaps), its
    /// organisation's events among them, and its open gaps that are now visible. Nil when there is nothing to do.
    func fanOutPlan(
        _ db: any SQLDatabase, webhookId: Int64, limit: Int, now: Date, gapWait: TimeInterval
    ) async throws -> FanOutPlan? {
        guard
            let hook = try await db.raw("SELECT * FROM webhooks WHERE id = \(bind: webhookId)").first()
                .map(Self.webhook(from:)), hook.enabled,
            let cursor = try await db.raw("SELECT event_cursor FROM webhooks WHERE id = \(bind: webhookId)").first()?
                .decode(column: "event_cursor", as: Int64.self)
        else { return nil }
        var gaps: [Int64: Date] = [:]
        for row in try await db.raw(
            "SELECT event_id, seen_at FROM webhook_event_gaps WHERE webhook_id = \(bind: webhookId)"
        ).all() {
            gaps[try row.decode(column: "event_id", as: Int64.self)] = Millis.date(
                try row.decode(column: "seen_at", as: Int64.self))
        }
        var newIds: [Int64] = []
        var ownNew = false
        for row in try await db.raw(
            "SELECT id, org_id FROM events WHERE id > \(bind: cursor) ORDER BY id LIMIT \(bind: limit)"
        ).all() {
            newIds.append(try row.decode(column: "id", as: Int64.self))
            if try row.decode(column: "org_id", as: Int64.self) == hook.orgId { ownNew = true }
        }
        var visibleGaps: Set<Int64> = []
        var events: [ChangeRow] = []
        if !gaps.isEmpty {
            var sql: SQLQueryString =
                "SELECT id, org_id, campaign_id, type, payload, created_at FROM events WHERE id IN ("
            for (index, id) in gaps.keys.sorted().enumerated() { sql += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            sql += ")"
            for row in try await db.raw(sql).all().map(Self.changeRow) {
                visibleGaps.insert(row.id)
                if row.orgId == hook.orgId { events.append(row) }
            }
        }
        if ownNew, let last = newIds.last {
            events += try await db.raw(
                """
                SELECT id, org_id, campaign_id, type, payload, created_at FROM events
                WHERE id > \(bind: cursor) AND id <= \(bind: last) AND org_id = \(bind: hook.orgId) ORDER BY id
                """
            ).all().map(Self.changeRow)
        }
        let step = WebhookEventWindow.step(
            cursor: cursor, newIds: newIds, openGaps: gaps, visibleGaps: visibleGaps, now: now, wait: gapWait)
        guard step.cursor != cursor || !step.opened.isEmpty || !step.closed.isEmpty else { return nil }
        let wanted = Set(hook.events)
        return FanOutPlan(
            webhookId: webhookId, orgId: hook.orgId, fromCursor: cursor, step: step,
            events: events.filter { wanted.contains($0.type) }.sorted { $0.id < $1.id }.map { row in
                (
                    row,
                    WebhookDeliveryOrder.key(
                        campaignId: row.campaignId, leadId: ChangeEventData.leadId(fields: row.fields))
                )
            },
            read: newIds.count + visibleGaps.count)
    }

    /// Queues a plan's events in the caller's delivery transaction (``deliveryTransaction(_:_:)``), before
    /// ``moveCursor(_:_:now:)`` commits: the events after the cursor it read and those of the gaps it found visible,
    /// each lead's earliest one its head. Queuing an event again (a round whose cursor move lost, or that a crash cut
    /// short) writes nothing: each event is queued once per subscription.
    func queueDeliveries(_ db: any SQLDatabase, _ plan: FanOutPlan, now: Date) async throws {
        let webhookId = plan.webhookId
        let visibleGaps = Set(plan.step.closed)
        let queued = plan.events.filter { $0.event.id > plan.fromCursor || visibleGaps.contains($0.event.id) }
        guard !queued.isEmpty else { return }
        // A lead's first event of the batch is written as its head at once when the lead has no delivery queued
        // (one row written, not a waiting row rewritten by the promotion); the rest wait behind it. One correlated
        // check over the rows (not one per row: a statement with a subquery per row opens a cursor per row).
        var insert = SQLQueryString("WITH v (event_id, order_key, head, created_at) AS (VALUES ")
        var keys: Set<String> = []
        for (index, (row, key)) in queued.enumerated() {
            insert += index == 0 ? "" : ", "
            insert += """
                (\(bind: row.id), \(bind: key), \(bind: keys.insert(key).inserted ? 1 : 0),
                \(bind: Millis.from(row.createdAt)))
                """
        }
        insert += """
            ) INSERT INTO webhook_deliveries (org_id, webhook_id, event_id, order_key, state, failures, next_at,
            created_at, updated_at) SELECT \(bind: plan.orgId), \(bind: webhookId), v.event_id, v.order_key,
            CASE WHEN v.head = 1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
            WHERE p.webhook_id = \(bind: webhookId) AND p.order_key = v.order_key AND p.state = 'pending')
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries w WHERE w.webhook_id = \(bind: webhookId)
            AND w.order_key = v.order_key AND w.state = 'waiting') THEN 'pending' ELSE 'waiting' END,
            0, \(bind: Millis.from(now)), v.created_at, \(bind: Millis.from(now)) FROM v WHERE 1 = 1 ORDER BY v.event_id
            ON CONFLICT (webhook_id, event_id) DO NOTHING
            """
        try await db.raw(insert).run()
        // Finds nothing to do unless a head was not written above (an event already queued): a read, no write.
        try await promoteWebhookHeads(db, webhookId: webhookId, keys: keys.sorted())
    }

    /// Moves the cursor in the caller's (main) transaction, once ``queueDeliveries(_:_:now:)`` has committed, if it
    /// is still where the plan read it (another node's round got there first otherwise, and this one writes
    /// nothing); closes and opens gaps. Returns the events the round read.
    func moveCursor(_ db: any SQLDatabase, _ plan: FanOutPlan, now: Date) async throws -> Int {
        let webhookId = plan.webhookId
        guard
            try await db.raw(
                """
                UPDATE webhooks SET event_cursor = \(bind: plan.step.cursor)
                WHERE id = \(bind: webhookId) AND event_cursor = \(bind: plan.fromCursor) AND enabled = 1 RETURNING id
                """
            ).first() != nil
        else { return 0 }
        if !plan.step.closed.isEmpty {
            var sql: SQLQueryString =
                "DELETE FROM webhook_event_gaps WHERE webhook_id = \(bind: webhookId) AND event_id IN ("
            for (index, id) in plan.step.closed.enumerated() { sql += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            sql += ")"
            try await db.raw(sql).run()
        }
        if !plan.step.opened.isEmpty {
            var sql: SQLQueryString = "INSERT INTO webhook_event_gaps (webhook_id, event_id, seen_at) VALUES "
            for (index, id) in plan.step.opened.enumerated() {
                sql += index == 0 ? "" : ", "
                sql += "(\(bind: webhookId), \(bind: id), \(bind: Millis.from(now)))"
            }
            sql += " ON CONFLICT (webhook_id, event_id) DO NOTHING"
            try await db.raw(sql).run()
        }
        return plan.read
    }

    /// Makes the earliest waiting delivery of each of `keys` its lead's head (`pending`) where the lead has none:
    /// the one delivery of a lead the sender may try; the rest wait behind it and cost the due query nothing.
    func promoteWebhookHeads(_ db: any SQLDatabase, webhookId: Int64, keys: [String]) async throws {
        guard !keys.isEmpty else { return }
        var sql: SQLQueryString = "WITH k (order_key) AS (VALUES "
        for (index, key) in keys.enumerated() { sql += index == 0 ? "(\(bind: key))" : ", (\(bind: key))" }
        sql += ") "
        sql += promoteHeadsStatement(webhookId: webhookId)
        try await db.raw(sql).run()
    }

    /// `UPDATE … SET state = 'pending'` for the earliest waiting delivery of each order key in `k` (a `WITH` before
    /// it) that has no pending one.
    func promoteHeadsStatement(webhookId: Int64) -> SQLQueryString {
        """
        UPDATE webhook_deliveries SET state = 'pending' WHERE id IN (SELECT (SELECT w.id FROM webhook_deliveries w
        WHERE w.webhook_id = \(bind: webhookId) AND w.order_key = k.order_key AND w.state = 'waiting'
        ORDER BY w.event_id LIMIT 1) FROM k WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries p
        WHERE p.webhook_id = \(bind: webhookId) AND p.order_key = k.order_key AND p.state = 'pending'))
        """
    }

    /// Writes an event with a chosen id (tests only: a transaction that commits after a later id's, as on
    /// PostgreSQL with several nodes).
    func insertEventForTesting(
        id: Int64, orgId: Int64, campaignId: Int64, type: String, payload: String, now: Date
    ) async throws {
        try await transaction { db in
            try await db.raw(
                """
                INSERT INTO events (id, org_id, campaign_id, type, payload, created_at) VALUES (\(bind: id),
                \(bind: orgId), \(bind: campaignId), \(bind: type), \(bind: payload), \(bind: Millis.from(now)))
                """
            ).run()
        }
    }
}
