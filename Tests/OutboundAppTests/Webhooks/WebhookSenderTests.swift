import CampaignCore
import CampaignStore
import ContactImport
import Dialer
import Foundation
import Synchronization
import Testing

@testable import OutboundApp

@Suite("The webhook sender over the store: outbox fan-out, order per lead, retries, disabling")
struct WebhookSenderTests {
    static let start = AppStore.friday

    /// A store with a campaign run on the simulator after a subscription to every event was made; the subscription.
    static func setUp(
        _ store: SQLCampaignStore, leads: Int = 6, events: [String] = ChangeEventData.types,
        url: String = "http://127.0.0.1:9/hook", allowPrivate: Bool = true
    ) async throws -> WebhookSubscriptions.Created {
        let campaign = try await AppStore.campaign(in: store, leads: leads)
        let orgId = try #require(try await store.campaign(id: campaign)?.orgId)
        let hooks = WebhookSubscriptions(store: store, allowPrivate: true, now: { start })
        let created = try await hooks.create(orgId: orgId, draft: WebhookDraft(url: url, events: events))
        _ = try await Simulation(
            store: store, campaignId: campaign, seed: 3, compliance: try ComplianceRulesFile.loadBundled()
        ).run(from: start, until: start.addingTimeInterval(4 * 3600))
        return created
    }

    static func sender(
        _ store: SQLCampaignStore, _ transport: RecordingTransport, clock: VirtualClock, allowPrivate: Bool = true,
        resolver: FixedResolver = FixedResolver(answers: [:])
    ) -> WebhookSender {
        var settings = WebhookSenderSettings()
        settings.allowPrivate = allowPrivate
        settings.batchSize = 50
        return WebhookSender(
            store: store, transport: transport, resolver: resolver, clock: clock, settings: settings, random: { 0.5 })
    }

    /// The events a subscription wants, in the database.
    static func wantedEvents(_ store: SQLCampaignStore, orgId: Int64, types: [String]) async throws -> [Int64] {
        var ids: [Int64] = []
        for campaign in try await store.campaigns(orgId: orgId, filter: CampaignFilter(), afterId: nil, limit: 100) {
            ids += try await store.changes(orgId: orgId, campaignId: campaign.id, after: 0, limit: 100_000)
                .filter { types.contains($0.type) }.map(\.id)
        }
        return ids.sorted()
    }

    @Test("every wanted event is queued exactly once and delivered once, signed, with its stable webhook-id")
    func fanOutExactlyOnce() async throws {
        try await AppStore.withStore { store in
            let created = try await Self.setUp(store, events: ["campaign.lead.updated", "call.ended"])
            let transport = RecordingTransport()
            let clock = VirtualClock(start: Self.start.addingTimeInterval(5 * 3600))
            let sender = Self.sender(store, transport, clock: clock)
            for _ in 0..<50 { _ = try await sender.round(created.subscription) }
            #expect(
                try await store.fanOutWebhookEvents(webhookId: created.subscription.id, limit: 100, now: clock.now())
                    == 0)
            let wanted = try await Self.wantedEvents(
                store, orgId: created.subscription.orgId, types: ["campaign.lead.updated", "call.ended"])
            let sent = transport.all.compactMap { $0.headers["webhook-id"] }
            #expect(!wanted.isEmpty)
            #expect(sent.sorted() == wanted.map { WebhookSender.messageId($0) }.sorted(), "each once, none missing")
            let request = try #require(transport.all.first)
            let id = try #require(request.headers["webhook-id"])
            let timestamp = try #require(request.headers["webhook-timestamp"].flatMap { Int64($0) })
            #expect(timestamp == Int64(clock.now().timeIntervalSince1970))
            #expect(
                request.headers["webhook-signature"]
                    == WebhookSignature.sign(secret: created.secret, id: id, timestamp: timestamp, body: request.body))
            #expect(request.json["type"] != nil && request.json["timestamp"] != nil && request.json["data"] != nil)
            let log = try await store.webhookDeliveries(
                orgId: created.subscription.orgId, webhookId: created.subscription.id, beforeId: nil, limit: 500)
            #expect(log.allSatisfy { $0.state == "delivered" && $0.attempts.count == 1 })
        }
    }

    @Test(
        "a failing event holds back its lead's later events while other leads proceed; retried on the schedule, in order"
    )
    func orderPerLead() async throws {
        try await AppStore.withStore { store in
            let created = try await Self.setUp(store)
            let blocked = Mutex<String?>(nil)
            let failUntil = Mutex(2)
            let transport = RecordingTransport { request in
                guard let lead = request.contactId else { return WebhookAnswer(statusCode: 200) }
                let first = blocked.withLock { current in
                    if current == nil { current = lead }
                    return current
                }
                guard lead == first else { return WebhookAnswer(statusCode: 200) }
                let fail = failUntil.withLock { remaining in
                    defer { remaining -= 1 }
                    return remaining > 0
                }
                return fail ? WebhookAnswer(statusCode: 500, body: "down") : WebhookAnswer(statusCode: 200)
            }
            let clock = VirtualClock(start: Self.start.addingTimeInterval(5 * 3600))
            let sender = Self.sender(store, transport, clock: clock)
            for _ in 0..<20 { _ = try await sender.round(created.subscription) }
            let lead = try #require(blocked.withLock { $0 })
            let sentForLead = transport.all.filter { $0.contactId == lead }
            #expect(sentForLead.count == 1, "the lead's next events wait while its first one fails")
            #expect(transport.all.contains { $0.contactId != nil && $0.contactId != lead }, "other leads proceed")
            clock.advance(by: 5)
            for _ in 0..<5 { _ = try await sender.round(created.subscription) }
            #expect(transport.all.filter { $0.contactId == lead }.count == 2, "retried once after 5 s, failed again")
            clock.advance(by: 300)
            for _ in 0..<20 { _ = try await sender.round(created.subscription) }
            let ids = transport.all.filter { $0.contactId == lead }.compactMap { $0.headers["webhook-id"] }
            #expect(ids.count > 3)
            #expect(ids[0] == ids[1] && ids[1] == ids[2], "the same webhook-id on every retry")
            Self.expectOrderPerLead(transport.all)
            let log = try await store.webhookDeliveries(
                orgId: created.subscription.orgId, webhookId: created.subscription.id, beforeId: nil, limit: 500)
            let failed = try #require(log.first { $0.attempts.count == 3 })
            #expect(failed.attempts.prefix(2).allSatisfy { $0.statusCode == 500 && $0.responseBody == "down" })
            #expect(failed.state == "delivered")
        }
    }

    @Test("an endpoint without a success for 5 days is disabled and its organisation told in the audit log")
    func disabledAfterFiveDays() async throws {
        try await AppStore.withStore { store in
            let created = try await Self.setUp(store, leads: 2, events: ["campaign.status.changed", "call.ended"])
            let transport = RecordingTransport { _ in WebhookAnswer(statusCode: nil, error: "timed out") }
            let clock = VirtualClock(start: Self.start.addingTimeInterval(5 * 3600))
            let sender = Self.sender(store, transport, clock: clock)
            var disabled = false
            for _ in 0..<200 where !disabled {
                let current = try #require(
                    try await store.webhook(orgId: created.subscription.orgId, id: created.subscription.id))
                disabled = try await sender.round(current).disabled
                clock.advance(by: 3600)
            }
            #expect(disabled)
            let orgId = created.subscription.orgId
            let hook = try #require(try await store.webhook(orgId: orgId, id: created.subscription.id))
            #expect(!hook.enabled && hook.disabledAt != nil)
            let disabledAt = try #require(hook.disabledAt)
            #expect(disabledAt.timeIntervalSince(try #require(hook.failingSince)) >= 5 * 24 * 3600)
            #expect(disabledAt.timeIntervalSince(try #require(hook.failingSince)) < 5 * 24 * 3600 + 2 * 3600)
            let audit = try await store.auditEntries(
                orgId: orgId, filter: AuditFilter(actionPrefix: "webhook.disable"), beforeId: nil, limit: 5)
            #expect(audit.count == 1 && audit.first?.actor == .system)
            #expect(try await store.activeWebhooks().isEmpty)
        }
    }

    @Test("a host that resolves to a private address is refused at delivery time, nothing sent, the attempt logged")
    func privateAddressAtDeliveryTime() async throws {
        try await AppStore.withStore { store in
            let created = try await Self.setUp(store, leads: 2, url: "https://hooks.example.com/in")
            let transport = RecordingTransport()
            let clock = VirtualClock(start: Self.start.addingTimeInterval(5 * 3600))
            let sender = Self.sender(
                store, transport, clock: clock, allowPrivate: false,
                resolver: FixedResolver(answers: ["hooks.example.com": ["93.184.216.34", "169.254.169.254"]]))
            _ = try await sender.round(created.subscription)
            #expect(transport.all.isEmpty)
            let log = try await store.webhookDeliveries(
                orgId: created.subscription.orgId, webhookId: created.subscription.id, beforeId: nil, limit: 500)
            let attempt = try #require(log.compactMap(\.attempts.first).first)
            #expect(attempt.statusCode == nil && (attempt.error ?? "").contains("169.254.169.254"))
        }
    }

    @Test("after a rotation both secrets sign for 24 hours, then only the new one")
    func rotationOverlap() async throws {
        try await AppStore.withStore { store in
            let created = try await Self.setUp(store, leads: 2)
            let orgId = created.subscription.orgId
            let clock = VirtualClock(start: Self.start.addingTimeInterval(5 * 3600))
            let hooks = WebhookSubscriptions(store: store, allowPrivate: true, now: { clock.now() })
            let rotated = try await hooks.rotateSecret(orgId: orgId, id: created.subscription.id)
            #expect(rotated.secret != created.secret)
            let transport = RecordingTransport()
            let sender = Self.sender(store, transport, clock: clock)
            let current = try #require(try await store.webhook(orgId: orgId, id: created.subscription.id))
            _ = try await sender.round(current)
            let request = try #require(transport.all.first)
            let id = try #require(request.headers["webhook-id"])
            let timestamp = try #require(request.headers["webhook-timestamp"].flatMap { Int64($0) })
            let expected = [rotated.secret, created.secret].map {
                WebhookSignature.sign(secret: $0, id: id, timestamp: timestamp, body: request.body)
            }
            #expect(request.headers["webhook-signature"] == expected.joined(separator: " "))
            #expect(current.signingSecrets(at: clock.now().addingTimeInterval(24 * 3600 + 1)) == [rotated.secret])
        }
    }

    @Test("a crash between the endpoint's 2xx and its record means a redelivery with the same webhook-id, never a loss")
    func crashBeforeRecordRedelivers() async throws {
        try await AppStore.withStore { store in
            let types = ["campaign.lead.updated", "call.ended"]
            let created = try await Self.setUp(store, events: types)
            let clock = VirtualClock(start: Self.start.addingTimeInterval(5 * 3600))
            let crashed = RecordingTransport()
            var settings = WebhookSenderSettings()
            settings.allowPrivate = true
            settings.batchSize = 50
            let crashing = WebhookSender(
                store: CrashBeforeRecordStore(store: store), transport: crashed,
                resolver: FixedResolver(answers: [:]), clock: clock, settings: settings, random: { 0.5 })
            await #expect(throws: CrashBeforeRecordStore.Crash.self) {
                _ = try await crashing.round(created.subscription)
            }
            let answered = Set(crashed.all.compactMap { $0.headers["webhook-id"] })
            #expect(!answered.isEmpty, "the endpoint answered 204 to these before the crash")
            // Started again on the same database.
            let transport = RecordingTransport()
            let sender = Self.sender(store, transport, clock: clock)
            for _ in 0..<50 { _ = try await sender.round(created.subscription) }
            let sent = transport.all.compactMap { $0.headers["webhook-id"] }
            #expect(answered.isSubset(of: Set(sent)), "every delivery answered before the crash is sent again")
            let wanted = try await Self.wantedEvents(store, orgId: created.subscription.orgId, types: types)
            #expect(sent.sorted() == wanted.map { WebhookSender.messageId($0) }.sorted(), "each once, none missing")
            Self.expectOrderPerLead(transport.all)
        }
    }

    /// Each lead's events were sent in sequence order (a retry may repeat the last one).
    static func expectOrderPerLead(_ requests: [RecordingTransport.Request]) {
        var seen: [String: Int64] = [:]
        for request in requests {
            guard let contact = request.contactId, let sequence = request.json["data"]?["sequence"]?.int else {
                continue
            }
            #expect(sequence >= seen[contact, default: 0], "order kept for lead \(contact)")
            seen[contact] = sequence
        }
    }
}
