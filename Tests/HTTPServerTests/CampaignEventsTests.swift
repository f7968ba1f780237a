import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import CampaignStore
@testable import HTTPServer

@Suite("GET /v1/campaigns/{id}/events: Server-Sent Events fed from the database")
struct CampaignEventsTests {
    /// Waits (briefly, on the wall clock) until the feed has `count` viewers of campaign A.
    static func viewers(_ count: Int, _ harness: APIHarness) async throws {
        for _ in 0..<500 {
            if await harness.services.feeds.viewerCount(orgId: harness.orgA, campaignId: harness.campaignA) == count {
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the feed never had \(count) viewer(s)")
    }

    /// The `id:` lines of an event stream.
    static func ids(_ text: String) -> [Int64] {
        text.split(separator: "\n").compactMap { line in line.hasPrefix("id: ") ? Int64(line.dropFirst(4)) : nil }
    }

    @Test("a change made through another store on the same database file appears on the stream")
    func anotherProcessesChangeAppears() async throws {
        try await APIHarness.run { harness, client in
            let uri = "/v1/campaigns/\(harness.campaignA)/events"
            async let streamed = client.send(.get, uri, as: "a.viewer", harness: harness)
            try await Self.viewers(1, harness)
            let other = try await SQLCampaignStore.openSQLite(path: try #require(harness.store.path))
            _ = try await other.apply(.pause, campaignId: harness.campaignA, now: APIHarness.tuesday)
            try await other.close()
            await harness.services.feeds.close()
            let response = try await streamed
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            let text = response.text
            #expect(text.hasPrefix("event: counts\ndata: {"), "the counts come first")
            #expect(text.contains("event: campaign.status.changed\ndata: {"))
            #expect(text.contains(#""to":"paused""#) && text.contains(#""campaignId":"\#(harness.campaignA)""#))
            #expect(text.contains(#""type":"campaign.status.changed""#) && text.contains(#""timestamp":"#))
            #expect(Self.ids(text).count == 1, "only changes after the viewer connected: \(text)")
        }
    }

    @Test("Last-Event-ID resumes right after that event, in order, without repeating it")
    func resume() async throws {
        try await APIHarness.run { harness, client in
            let all = try await harness.store.changes(
                orgId: harness.orgA, campaignId: harness.campaignA, after: 0, limit: 500)
            #expect(all.count > 4 && Set(all.map(\.type)).isSuperset(of: ["call.started", "call.ended"]))
            let resumeAfter = all[2].id
            async let streamed = client.send(
                .get, "/v1/campaigns/\(harness.campaignA)/events", as: "a.viewer", harness: harness,
                headers: [HTTPField.Name("Last-Event-ID")!: String(resumeAfter)])
            try await Self.viewers(1, harness)
            await harness.services.feeds.close()
            let text = try await streamed.text
            #expect(Self.ids(text) == all.dropFirst(3).map(\.id))
            #expect(text.contains("event: call.ended\n") && text.contains("event: campaign.lead.updated\n"))
        }
    }

    @Test("a Last-Event-ID that is no event id answers 400 naming the header")
    func badResumeHeader() async throws {
        try await APIHarness.run { harness, client in
            let response = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)/events", as: "a.viewer", harness: harness,
                headers: [HTTPField.Name("Last-Event-ID")!: "soon"])
            #expect(response.status == .badRequest && response.text.contains("Last-Event-ID"))
        }
    }

    @Test("another organisation's campaign answers 404 and opens no feed")
    func foreignCampaign() async throws {
        try await APIHarness.run { harness, client in
            let response = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)/events", as: "b.viewer", harness: harness)
            #expect(response.status == .notFound)
            #expect(await harness.services.feeds.viewerCount(orgId: harness.orgB, campaignId: harness.campaignA) == 0)
        }
    }

    @Test("two viewers of one campaign share one poll: one query per tick, not one per viewer")
    func onePollerPerCampaign() async throws {
        try await APIHarness.run { harness, _ in
            let store = CountingFeedStore(harness.store)
            let feeds = CampaignFeeds(store: store, interval: .seconds(3600))
            let first = try await feeds.subscribe(orgId: harness.orgA, campaignId: harness.campaignA, lastEventId: 0)
            let second = try await feeds.subscribe(orgId: harness.orgA, campaignId: harness.campaignA, lastEventId: 0)
            await feeds.tick(.init(orgId: harness.orgA, campaignId: harness.campaignA), heartbeat: true)
            #expect(store.changeQueries.withLock { $0 } == 1)
            await feeds.close()
            var firstCount = 0
            for await item in first { if case .change = item { firstCount += 1 } }
            var secondCount = 0
            for await item in second { if case .change = item { secondCount += 1 } }
            #expect(firstCount > 0 && firstCount == secondCount)
        }
    }

    @Test("a viewer that does not keep up is dropped, and the feed goes on for the others")
    func aSlowViewerIsDropped() async throws {
        try await APIHarness.run { harness, _ in
            let feeds = CampaignFeeds(store: harness.store, interval: .seconds(3600), bufferSize: 3)
            let slow = try await feeds.subscribe(orgId: harness.orgA, campaignId: harness.campaignA, lastEventId: 0)
            await feeds.tick(.init(orgId: harness.orgA, campaignId: harness.campaignA), heartbeat: false)
            #expect(await feeds.viewerCount(orgId: harness.orgA, campaignId: harness.campaignA) == 0)
            var received = 0
            for await _ in slow { received += 1 }
            #expect(received == 3, "what fitted in its buffer, then the end of its stream")
            await feeds.close()
        }
    }

    @Test("shutting down ends open streams, and a feed opened after that ends at once")
    func shutdownEndsStreams() async throws {
        try await APIHarness.run { harness, _ in
            let feeds = CampaignFeeds(store: harness.store, interval: .milliseconds(20), heartbeat: .milliseconds(20))
            let stream = try await feeds.subscribe(orgId: harness.orgA, campaignId: harness.campaignA, lastEventId: nil)
            var heartbeats = 0
            for await item in stream {
                if item == .heartbeat { heartbeats += 1 }
                if heartbeats == 2 { await feeds.close() }
            }
            #expect(heartbeats >= 2)
            let late = try await feeds.subscribe(orgId: harness.orgA, campaignId: harness.campaignA, lastEventId: nil)
            for await _ in late { Issue.record("a closed feed sent something") }
        }
    }
}

/// The store, counting the change queries the feeds make.
final class CountingFeedStore: ChangeFeedStore, ReportsStore {
    let store: SQLCampaignStore
    let changeQueries = Mutex(0)

    init(_ store: SQLCampaignStore) { self.store = store }

    func changes(orgId: Int64, campaignId: Int64, after: Int64, limit: Int) async throws -> [ChangeRow] {
        changeQueries.withLock { $0 += 1 }
        return try await store.changes(orgId: orgId, campaignId: campaignId, after: after, limit: limit)
    }

    func latestChangeId(orgId: Int64, campaignId: Int64) async throws -> Int64 {
        try await store.latestChangeId(orgId: orgId, campaignId: campaignId)
    }

    func leadCounts(campaignId: Int64) async throws -> LeadCounts { try await store.leadCounts(campaignId: campaignId) }
    func callSummary(campaignId: Int64) async throws -> CallSummary {
        try await store.callSummary(campaignId: campaignId)
    }
    func calls(campaignId: Int64?) async throws -> [CallRecord] { try await store.calls(campaignId: campaignId) }
    func forecastFacts(campaignId: Int64) async throws -> ForecastFacts {
        try await store.forecastFacts(campaignId: campaignId)
    }
}
