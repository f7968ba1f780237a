import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

@Suite("Webhook deliveries in their own SQLite file: written beside the engine, moved from older databases")
struct WebhookDeliveryFileTests {
    typealias Gap = WebhookFanOutGapTests
    static let t0 = Fixture.t0

    static func tables(_ db: any SQLDatabase, schema: String = "main") async throws -> Set<String> {
        Set(
            try await db.raw(SQLQueryString("SELECT name FROM \(schema).sqlite_master WHERE type = 'table'")).all()
                .map { try $0.decode(column: "name", as: String.self) })
    }

    @Test("deliveries and attempts are in the deliveries' file, none in the main one; the delivery log reads them")
    func deliveriesInTheirFile() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let store = try await database.open()
            let (orgId, campaignId, webhookId, base) = try await Gap.subscribed(store)
            for offset in 1...3 {
                try await Gap.event(
                    store, id: base + Int64(offset), orgId: orgId, campaignId: campaignId, lead: Int64(offset))
            }
            _ = try await store.fanOutWebhookEvents(webhookId: webhookId, limit: 100, now: Self.t0, gapWait: 60)
            let due = try await store.dueWebhookDeliveries(webhookId: webhookId, now: Self.t0, limit: 10)
            #expect(due.count == 3)
            _ = try await store.recordWebhookAttempts(
                webhookId: webhookId,
                due.map {
                    WebhookAttemptResult(
                        deliveryId: $0.deliveryId, at: Self.t0, statusCode: 204, latencyMs: 3, responseBody: "",
                        error: nil, retryAt: nil)
                }, disableBefore: Self.t0.addingTimeInterval(-86_400), now: Self.t0)
            let main = try await Self.tables(store.database)
            #expect(!main.contains("webhook_deliveries") && !main.contains("webhook_attempts"))
            #expect(main.contains("webhooks") && main.contains("webhook_event_gaps"))
            #expect(FileManager.default.fileExists(atPath: database.path + SQLCampaignStore.deliveryFileSuffix))
            let inFile = try await store.deliveryDatabase.raw("SELECT COUNT(*) AS n FROM webhook_attempts").first()?
                .decode(column: "n", as: Int.self)
            #expect(inFile == 3)
            let log = try await store.webhookDeliveries(orgId: orgId, webhookId: webhookId, beforeId: nil, limit: 10)
            #expect(log.map(\.state) == ["delivered", "delivered", "delivered"])
            #expect(log.allSatisfy { $0.attempts.map(\.statusCode) == [204] })
        }
    }

    @Test("a delivery transaction held open does not hold back the main database's writes")
    func deliveriesDoNotHoldTheEnginesLock() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let store = try await database.open()
            let (orgId, _) = try await Fixture.campaign(in: store)
            let (opened, openedNow) = AsyncStream<Void>.makeStream()
            let (release, releaseNow) = AsyncStream<Void>.makeStream()
            let holding = Task {
                try await store.deliveryTransaction { db in
                    try await db.raw("DELETE FROM webhook_attempts WHERE id < 0").run()
                    openedNow.yield()
                    for await _ in release { break }
                }
            }
            for await _ in opened { break }
            // The engine's kind of write, a main transaction, while the delivery transaction is still open: it
            // commits first (with one write connection for both it would wait for the release).
            let committedFirst = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try await store.transaction { db in
                        try await db.raw("UPDATE organizations SET name = name WHERE id = \(bind: orgId)").run()
                    }
                    return true
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(10))
                    return false
                }
                let first = try await group.next() ?? false
                releaseNow.yield()
                group.cancelAll()
                try await group.waitForAll()
                return first
            }
            try await holding.value
            #expect(committedFirst)
        }
    }

    @Test("an older database's deliveries and attempts move to their own file, once, even after a crash mid-move")
    func olderDatabaseMoves() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let probe = try await database.open()
            let before = try #require(probe.migrations.firstIndex(of: probe.webhookIdsVersion))
            try await probe.close()
            SQLCampaignStore.removeDatabaseFiles(database.path)
            let old = try await SQLCampaignStore.openSQLite(path: database.path, migratingThrough: before)
            let (orgId, campaignId) = try await Fixture.campaign(in: old)
            let hook = try await old.createWebhook(
                orgId: orgId, draft: WebhookDraft(url: "https://crm.example.com/hook", events: ["call.started"]),
                secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now: Self.t0)
            let base = try await Gap.latestEventId(old)
            try await Gap.event(old, id: base + 1, orgId: orgId, campaignId: campaignId, lead: 1, type: "call.started")
            // As the Outbound before this one wrote them: in the main file.
            try await old.transaction { db in
                try await db.raw(
                    """
                    INSERT INTO webhook_deliveries (id, org_id, webhook_id, event_id, order_key, state, failures,
                    next_at, created_at, updated_at) VALUES (7, \(bind: orgId), \(bind: hook.id), \(bind: base + 1),
                    'lead:1', 'failed', 12, 0, 0, 0)
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO webhook_attempts (org_id, webhook_id, delivery_id, at, status_code, latency_ms,
                    response_body, error) VALUES (\(bind: orgId), \(bind: hook.id), 7, 0, 500, 9, 'down', NULL)
                    """
                ).run()
            }
            try await old.close()
            // A crash after the copy and before the drop: the copy is in the file, the main file still has both.
            let copied = try await SQLCampaignStore.openSQLite(path: database.path, migratingThrough: before)
            try await copied.serial { db in
                try await db.raw(
                    "ATTACH DATABASE \(bind: database.path + SQLCampaignStore.deliveryFileSuffix) AS f"
                ).run()
                try await db.raw("INSERT INTO f.webhook_deliveries SELECT * FROM main.webhook_deliveries").run()
                try await db.raw("INSERT INTO f.webhook_attempts SELECT * FROM main.webhook_attempts").run()
                try await db.raw("DETACH DATABASE f").run()
            }
            try await copied.close()
            let store = try await database.open()
            #expect(!(try await Self.tables(store.database)).contains("webhook_deliveries"))
            let log = try await store.webhookDeliveries(orgId: orgId, webhookId: hook.id, beforeId: nil, limit: 10)
            #expect(log.map(\.id) == [7] && log.first?.state == "failed")
            #expect(log.first?.attempts.map(\.responseBody) == ["down"])
            let rows = try await store.deliveryDatabase.raw("SELECT COUNT(*) AS n FROM webhook_attempts").first()?
                .decode(column: "n", as: Int.self)
            #expect(rows == 1)
            #expect(try await store.redeliverWebhook(orgId: orgId, webhookId: hook.id, deliveryId: 7, now: Self.t0))
            let due = try await store.dueWebhookDeliveries(webhookId: hook.id, now: Self.t0, limit: 10)
            #expect(due.map(\.eventId) == [base + 1])
        }
    }

    @Test("a deleted subscription's id is never given again, so what it left behind is never another's")
    func deletedIdsAreNotReused() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, campaignId, webhookId, base) = try await Gap.subscribed(store)
            try await Gap.event(store, id: base + 1, orgId: orgId, campaignId: campaignId, lead: 1)
            _ = try await store.fanOutWebhookEvents(webhookId: webhookId, limit: 100, now: Self.t0, gapWait: 60)
            // What a round still in flight when the subscription goes writes after the delete.
            let plan = try await Gap.planAfterDelete(store, webhookId: webhookId, orgId: orgId, eventId: base + 1)
            try await store.deleteWebhook(orgId: orgId, id: webhookId, now: Self.t0)
            try await store.deliveryTransaction { db in try await store.queueDeliveries(db, plan, now: Self.t0) }
            let next = try await store.createWebhook(
                orgId: orgId,
                draft: WebhookDraft(url: "https://crm.example.com/other", events: ["campaign.lead.updated"]),
                secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now: Self.t0)
            #expect(next.id > webhookId)
            #expect(try await store.dueWebhookDeliveries(webhookId: next.id, now: Self.t0, limit: 10).isEmpty)
            #expect(
                try await store.webhookDeliveries(orgId: orgId, webhookId: next.id, beforeId: nil, limit: 10).isEmpty)
        }
    }

    @Test("a new database is refused beside a deliveries' file left from an earlier one, which stays untouched")
    func leftoverDeliveriesFileRefused() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let store = try await database.open()
            try await store.close()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
            let leftover = database.path + SQLCampaignStore.deliveryFileSuffix
            let bytes = FileManager.default.contents(atPath: leftover)
            await #expect(throws: StoreError.self) { _ = try await SQLCampaignStore.openSQLite(path: database.path) }
            #expect(!FileManager.default.fileExists(atPath: database.path))
            #expect(FileManager.default.contents(atPath: leftover) == bytes)
        }
    }
}

extension WebhookDeliveryFileTests {
    @Test("a deliveries' file of a newer version is refused, not written")
    func newerDeliveriesFileRefused() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let store = try await database.open()
            try await store.deliveryDatabase.raw("PRAGMA user_version = 9").run()
            try await store.close()
            await #expect(throws: StoreError.self) { _ = try await SQLCampaignStore.openSQLite(path: database.path) }
            let reopened = try SQLiteHandle.open(
                path: database.path + SQLCampaignStore.deliveryFileSuffix, create: false)
            var version = 0
            try await reopened.execute("PRAGMA user_version") { row in version = Int(row.integer(at: 0)) }
            reopened.close()
            #expect(version == 9)
        }
    }
}

extension WebhookFanOutGapTests {
    /// A plan that queues `eventId` for the subscription, as a round that read before a delete would hold.
    static func planAfterDelete(
        _ store: SQLCampaignStore, webhookId: Int64, orgId: Int64, eventId: Int64
    ) async throws -> SQLCampaignStore.FanOutPlan {
        let row = try #require(
            try await store.read { db in
                try await db.raw(
                    "SELECT id, org_id, campaign_id, type, payload, created_at FROM events WHERE id = \(bind: eventId)"
                ).first().map(SQLCampaignStore.changeRow)
            })
        return SQLCampaignStore.FanOutPlan(
            webhookId: webhookId, orgId: orgId, fromCursor: eventId - 1,
            step: WebhookEventWindow.Step(cursor: eventId, opened: [], closed: []), events: [(row, "lead:1")], read: 1)
    }
}
