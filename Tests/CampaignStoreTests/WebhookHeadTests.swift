import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

@Suite("The webhook outbox's heads: a lead's first queued event is its head at once, the rest wait behind it")
struct WebhookHeadTests {
    typealias Gap = WebhookFanOutGapTests
    static let t0 = Fixture.t0

    /// The stored state of each delivery by event id.
    static func states(_ store: SQLCampaignStore, webhookId: Int64) async throws -> [Int64: String] {
        var states: [Int64: String] = [:]
        for row in try await store.deliveryDatabase.raw(
            "SELECT event_id, state FROM webhook_deliveries WHERE webhook_id = \(bind: webhookId)"
        ).all() {
            states[try row.decode(column: "event_id", as: Int64.self)] = try row.decode(
                column: "state", as: String.self)
        }
        return states
    }

    static func due(_ store: SQLCampaignStore, webhookId: Int64, at seconds: TimeInterval) async throws -> [Int64] {
        try await store.dueWebhookDeliveries(webhookId: webhookId, now: t0.addingTimeInterval(seconds), limit: 100)
            .map(\.eventId)
    }

    static func deliveryId(_ store: SQLCampaignStore, webhookId: Int64, eventId: Int64) async throws -> Int64 {
        try #require(
            try await store.deliveryDatabase.raw(
                """
                SELECT id FROM webhook_deliveries WHERE webhook_id = \(bind: webhookId) AND event_id = \(bind: eventId)
                """
            ).first()?.decode(column: "id", as: Int64.self))
    }

    @Test("a lead's first event is queued as its head; one queued while its head is failing waits behind it")
    func headsWrittenAtFanOut() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, campaignId, webhookId, base) = try await Gap.subscribed(store)
            for (offset, lead) in [(1, 1), (2, 2), (3, 1)] as [(Int64, Int64)] {
                try await Gap.event(store, id: base + offset, orgId: orgId, campaignId: campaignId, lead: lead)
            }
            _ = try await store.fanOutWebhookEvents(webhookId: webhookId, limit: 100, now: Self.t0)
            #expect(
                try await Self.states(store, webhookId: webhookId)
                    == [base + 1: "pending", base + 2: "pending", base + 3: "waiting"])
            #expect(try await Self.due(store, webhookId: webhookId, at: 0) == [base + 1, base + 2])
            // Lead 1's head fails (retry in 5 minutes), lead 2's is delivered.
            let failed = try await Self.deliveryId(store, webhookId: webhookId, eventId: base + 1)
            let delivered = try await Self.deliveryId(store, webhookId: webhookId, eventId: base + 2)
            _ = try await store.recordWebhookAttempts(
                webhookId: webhookId,
                [
                    WebhookAttemptResult(
                        deliveryId: failed, at: Self.t0, statusCode: 500, latencyMs: 3,
                        retryAt: Self.t0.addingTimeInterval(300)),
                    WebhookAttemptResult(deliveryId: delivered, at: Self.t0, statusCode: 204, latencyMs: 2),
                ], disableBefore: Self.t0.addingTimeInterval(-86400), now: Self.t0)
            for (offset, lead) in [(4, 1), (5, 2), (6, 3)] as [(Int64, Int64)] {
                try await Gap.event(store, id: base + offset, orgId: orgId, campaignId: campaignId, lead: lead)
            }
            _ = try await store.fanOutWebhookEvents(
                webhookId: webhookId, limit: 100, now: Self.t0.addingTimeInterval(1))
            let states = try await Self.states(store, webhookId: webhookId)
            #expect(states[base + 4] == "waiting", "lead 1's head is still failing: its new event waits")
            #expect(states[base + 5] == "pending", "lead 2's queue was empty: its new event is its head")
            #expect(states[base + 6] == "pending", "a new lead's first event is its head")
            #expect(try await Self.due(store, webhookId: webhookId, at: 1) == [base + 5, base + 6])
            #expect(try await Self.due(store, webhookId: webhookId, at: 301) == [base + 1, base + 5, base + 6])
        }
    }

    @Test("recording and fanning out in one transaction: the head's success promotes its successor, new events queue")
    func recordAndFanOutTogether() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, campaignId, webhookId, base) = try await Gap.subscribed(store)
            try await Gap.event(store, id: base + 1, orgId: orgId, campaignId: campaignId, lead: 1)
            try await Gap.event(store, id: base + 2, orgId: orgId, campaignId: campaignId, lead: 1)
            _ = try await store.fanOutWebhookEvents(webhookId: webhookId, limit: 100, now: Self.t0)
            try await Gap.event(store, id: base + 3, orgId: orgId, campaignId: campaignId, lead: 1)
            try await Gap.event(store, id: base + 4, orgId: orgId, campaignId: campaignId, lead: 2)
            let head = try await Self.deliveryId(store, webhookId: webhookId, eventId: base + 1)
            let recorded = try await store.recordWebhookAttemptsAndFanOut(
                webhookId: webhookId,
                [WebhookAttemptResult(deliveryId: head, at: Self.t0, statusCode: 200, latencyMs: 1)],
                disableBefore: Self.t0.addingTimeInterval(-86400), now: Self.t0, fanOutLimit: 100, gapWait: 300)
            #expect(recorded.disabled == false && recorded.queued == 2)
            #expect(
                try await Self.states(store, webhookId: webhookId)
                    == [base + 1: "delivered", base + 2: "pending", base + 3: "waiting", base + 4: "pending"])
            #expect(try await Self.due(store, webhookId: webhookId, at: 0) == [base + 2, base + 4])
        }
    }
}
