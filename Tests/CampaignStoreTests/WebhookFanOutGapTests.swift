import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

@Suite("The webhook fan-out over event ids that commit out of order: nothing skipped, nothing queued twice")
struct WebhookFanOutGapTests {
    static let t0 = Fixture.t0
    static let wait: TimeInterval = 60

    /// An organisation with a campaign and a subscription to lead events; (orgId, campaignId, webhookId, the
    /// latest event id when it subscribed).
    static func subscribed(_ store: SQLCampaignStore) async throws -> (Int64, Int64, Int64, Int64) {
        let (orgId, campaignId) = try await Fixture.campaign(in: store)
        let hook = try await store.createWebhook(
            orgId: orgId, draft: WebhookDraft(url: "https://crm.example.com/hook", events: ["campaign.lead.updated"]),
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now: t0)
        return (orgId, campaignId, hook.id, try await latestEventId(store))
    }

    static func latestEventId(_ store: SQLCampaignStore) async throws -> Int64 {
        try await store.database.raw("SELECT MAX(id) AS n FROM events").first()?.decode(column: "n", as: Int64?.self)
            ?? 0
    }

    /// A lead event with a chosen id, as a transaction that took the id and commits later would make it.
    static func event(
        _ store: SQLCampaignStore, id: Int64, orgId: Int64, campaignId: Int64, lead: Int64,
        type: String = "campaign.lead.updated"
    ) async throws {
        try await store.insertEventForTesting(
            id: id, orgId: orgId, campaignId: campaignId, type: type,
            payload: #"{"leadId":"\#(lead)","status":"retry"}"#, now: t0)
    }

    /// The event ids queued for the subscription, one entry per delivery.
    static func queued(_ store: SQLCampaignStore, orgId: Int64, webhookId: Int64) async throws -> [Int64] {
        try await store.webhookDeliveries(orgId: orgId, webhookId: webhookId, beforeId: nil, limit: 1000)
            .map(\.eventId).sorted()
    }

    static func openGaps(_ store: SQLCampaignStore, webhookId: Int64) async throws -> [Int64] {
        try await store.database.raw(
            "SELECT event_id FROM webhook_event_gaps WHERE webhook_id = \(bind: webhookId) ORDER BY event_id"
        ).all().map { try $0.decode(column: "event_id", as: Int64.self) }
    }

    @Test("an event whose id was passed before it committed is queued when it appears, once; none is lost")
    func gapFilledLater() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, campaignId, webhookId, base) = try await Self.subscribed(store)
            // Ids base+1 and base+3 are visible; base+2's transaction has not committed yet.
            try await Self.event(store, id: base + 1, orgId: orgId, campaignId: campaignId, lead: 1)
            try await Self.event(store, id: base + 3, orgId: orgId, campaignId: campaignId, lead: 2)
            let first = try await store.fanOutWebhookEvents(
                webhookId: webhookId, limit: 100, now: Self.t0, gapWait: Self.wait)
            #expect(first == 2)
            #expect(try await Self.queued(store, orgId: orgId, webhookId: webhookId) == [base + 1, base + 3])
            #expect(try await Self.openGaps(store, webhookId: webhookId) == [base + 2])
            #expect(
                try await store.fanOutWebhookEvents(
                    webhookId: webhookId, limit: 100, now: Self.t0.addingTimeInterval(1), gapWait: Self.wait) == 0,
                "nothing new, the gap still open")
            // The late transaction commits, within the wait.
            try await Self.event(store, id: base + 2, orgId: orgId, campaignId: campaignId, lead: 3)
            try await Self.event(store, id: base + 4, orgId: orgId, campaignId: campaignId, lead: 1)
            _ = try await store.fanOutWebhookEvents(
                webhookId: webhookId, limit: 100, now: Self.t0.addingTimeInterval(30), gapWait: Self.wait)
            _ = try await store.fanOutWebhookEvents(
                webhookId: webhookId, limit: 100, now: Self.t0.addingTimeInterval(31), gapWait: Self.wait)
            #expect(
                try await Self.queued(store, orgId: orgId, webhookId: webhookId) == [
                    base + 1, base + 2, base + 3, base + 4,
                ],
                "every event once")
            #expect(try await Self.openGaps(store, webhookId: webhookId).isEmpty)
            // Lead 1's second event waits behind its first: only heads are due.
            let due = try await store.dueWebhookDeliveries(
                webhookId: webhookId, now: Self.t0.addingTimeInterval(60), limit: 10)
            #expect(due.map(\.eventId) == [base + 1, base + 2, base + 3])
        }
    }

    @Test("a gap never filled is given up after the wait; another organisation's event closes it without a delivery")
    func gapGivenUpOrForeign() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, campaignId, webhookId, base) = try await Self.subscribed(store)
            let (otherOrg, otherCampaign) = try await Fixture.campaign(in: store, org: "globex")
            let start = try await Self.latestEventId(store)
            #expect(start >= base)
            try await Self.event(store, id: start + 4, orgId: orgId, campaignId: campaignId, lead: 1)
            _ = try await store.fanOutWebhookEvents(
                webhookId: webhookId, limit: 100, now: Self.t0, gapWait: Self.wait)
            #expect(try await Self.openGaps(store, webhookId: webhookId) == [start + 1, start + 2, start + 3])
            try await Self.event(store, id: start + 2, orgId: otherOrg, campaignId: otherCampaign, lead: 9)
            _ = try await store.fanOutWebhookEvents(
                webhookId: webhookId, limit: 100, now: Self.t0.addingTimeInterval(10), gapWait: Self.wait)
            #expect(try await Self.openGaps(store, webhookId: webhookId) == [start + 1, start + 3])
            _ = try await store.fanOutWebhookEvents(
                webhookId: webhookId, limit: 100, now: Self.t0.addingTimeInterval(Self.wait), gapWait: Self.wait)
            #expect(try await Self.openGaps(store, webhookId: webhookId).isEmpty, "given up after the wait")
            try await Self.event(store, id: start + 5, orgId: orgId, campaignId: campaignId, lead: 2)
            _ = try await store.fanOutWebhookEvents(
                webhookId: webhookId, limit: 100, now: Self.t0.addingTimeInterval(Self.wait + 1), gapWait: Self.wait)
            let queued = try await Self.queued(store, orgId: orgId, webhookId: webhookId)
            #expect(queued.filter { $0 > start } == [start + 4, start + 5])
        }
    }

    @Test("two stores fanning out the same subscription at once queue each event once")
    func twoSendersRace() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let store = try await database.open()
            let other = try await database.open()
            let (orgId, campaignId, webhookId, base) = try await Self.subscribed(store)
            for offset in 1...40 where offset != 17 {
                try await Self.event(
                    store, id: base + Int64(offset), orgId: orgId, campaignId: campaignId, lead: Int64(offset % 7))
            }
            async let one = store.fanOutWebhookEvents(webhookId: webhookId, limit: 10, now: Self.t0, gapWait: 60)
            async let two = other.fanOutWebhookEvents(webhookId: webhookId, limit: 10, now: Self.t0, gapWait: 60)
            _ = try await (one, two)
            try await Self.event(store, id: base + 17, orgId: orgId, campaignId: campaignId, lead: 3)
            for _ in 0..<6 {
                async let one = store.fanOutWebhookEvents(webhookId: webhookId, limit: 10, now: Self.t0, gapWait: 60)
                async let two = other.fanOutWebhookEvents(webhookId: webhookId, limit: 10, now: Self.t0, gapWait: 60)
                _ = try await (one, two)
            }
            #expect(
                try await Self.queued(store, orgId: orgId, webhookId: webhookId) == (1...40).map { base + Int64($0) })
        }
    }
}
