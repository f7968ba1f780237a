import CampaignCore
import CampaignStore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import Testing

@Suite("Forecast over HTTP: in the background on a snapshot, kept with the campaign's version, any process reads it")
struct ForecastRoutesTests {
    @Test("POST answers 202 at once; when it finishes GET answers the report; the live data is untouched")
    func runsInTheBackground() async throws {
        try await APIHarness.run { harness, client in
            let uri = "/v1/campaigns/\(harness.campaignA)/forecast"
            let none = try await client.send(.get, uri, as: "a.viewer", harness: harness)
            #expect(none.status == .notFound)
            #expect(none.headers[.contentType] == "application/problem+json")
            let callsBefore = try await harness.store.calls(
                orgId: harness.orgA, campaignId: harness.campaignA, after: nil, limit: 500
            ).count
            let asked = try await client.send(.post, uri, as: "a.viewer", harness: harness)
            #expect(asked.status == .accepted)
            #expect(asked.json["state"]?.string == "running")
            #expect(asked.headers[.location] == uri)
            await harness.services.forecasts.settle()
            let done = try await client.send(.get, uri, as: "a.viewer", harness: harness)
            #expect(done.status == .ok)
            #expect(done.json["state"]?.string == "done")
            #expect(done.json["current"] == .bool(true))
            #expect(done.json["report"]?["contacts"]?.int == 12)
            #expect(done.json["report"]?["calls"]?.int ?? 0 > 0)
            #expect(done.json["failure"] == .null)
            let callsAfter = try await harness.store.calls(
                orgId: harness.orgA, campaignId: harness.campaignA, after: nil, limit: 500
            ).count
            #expect(callsAfter == callsBefore)
        }
    }

    @Test("an unchanged campaign answers the finished forecast (200, no new run); refresh or a new list runs again")
    func cachedWithTheCampaignsVersion() async throws {
        try await APIHarness.run { harness, client in
            let uri = "/v1/campaigns/\(harness.campaignA)/forecast"
            _ = try await client.send(.post, uri, as: "a.viewer", harness: harness)
            await harness.services.forecasts.settle()
            let first = try await client.send(.get, uri, as: "a.viewer", harness: harness)
            let again = try await client.send(.post, uri, as: "a.viewer", harness: harness)
            #expect(again.status == .ok)
            #expect(again.json["requestedAt"] == first.json["requestedAt"])
            #expect(again.json["report"] == first.json["report"])
            let refreshed = try await client.send(
                .post, uri, as: "a.viewer", harness: harness, json: #"{"refresh": true}"#)
            #expect(refreshed.status == .accepted)
            await harness.services.forecasts.settle()

            let draft = try await APIHarness.campaign(
                in: harness.store, orgId: harness.orgA, name: "Growing list", leads: 3)
            let draftURI = "/v1/campaigns/\(draft)/forecast"
            _ = try await client.send(.post, draftURI, as: "a.viewer", harness: harness)
            await harness.services.forecasts.settle()
            _ = try await client.send(
                .post, "/v1/campaigns/\(draft)/contacts", as: "a.operator", harness: harness,
                json: #"{"contacts": [{"phoneNumber": "+12125550999"}]}"#)
            let stale = try await client.send(.get, draftURI, as: "a.viewer", harness: harness)
            #expect(stale.json["state"]?.string == "done")
            #expect(stale.json["current"] == .bool(false))
            #expect(stale.json["report"]?["contacts"]?.int == 3)
            let rerun = try await client.send(.post, draftURI, as: "a.viewer", harness: harness)
            #expect(rerun.status == .accepted)
            await harness.services.forecasts.settle()
            let fresh = try await client.send(.get, draftURI, as: "a.viewer", harness: harness)
            #expect(fresh.json["current"] == .bool(true))
            #expect(fresh.json["report"]?["contacts"]?.int == 4)
        }
    }

    @Test("unknown body fields, foreign and unknown campaigns are refused; nothing is started")
    func refusals() async throws {
        try await APIHarness.run { harness, client in
            let uri = "/v1/campaigns/\(harness.campaignA)/forecast"
            let unknown = try await client.send(
                .post, uri, as: "a.viewer", harness: harness, json: #"{"days": 400}"#)
            #expect(unknown.status.code == 400 || unknown.status.code == 422)
            #expect(unknown.json["errors"]?.items.first?["field"]?.string == "days")
            let foreign = try await client.send(.post, uri, as: "b.admin", harness: harness)
            #expect(foreign.status == .notFound)
            let missing = try await client.send(.post, "/v1/campaigns/999999/forecast", as: "a.admin", harness: harness)
            #expect(missing.status == .notFound)
            let stored = try await harness.store.forecast(orgId: harness.orgA, campaignId: harness.campaignA)
            #expect(stored == nil)
        }
    }

    @Test("another process's running forecast is answered, not duplicated; once abandoned it is taken over")
    func sharedAcrossProcesses() async throws {
        try await APIHarness.run { harness, _ in
            let rules = harness.services.compliance
            let now = APIHarness.tuesday.addingTimeInterval(3 * 3600)
            let other = ServerForecasts(store: harness.store, compliance: rules, abandonAfter: 600, now: { now })
            let mine = ServerForecasts(
                store: harness.store, compliance: rules, abandonAfter: 600, now: { now.addingTimeInterval(300) })
            let started = try await harness.store.claimForecast(
                orgId: harness.orgA, campaignId: harness.campaignA, cacheKey: "k", owner: "dead-process",
                now: now, abandonedBefore: now.addingTimeInterval(-600))
            #expect(started == nil)
            let answered = try await mine.request(orgId: harness.orgA, campaignId: harness.campaignA, refresh: false)
            #expect(answered.state == .running && answered.owner == "dead-process")
            let later = ServerForecasts(
                store: harness.store, compliance: rules, abandonAfter: 600, now: { now.addingTimeInterval(900) })
            let takenOver = try await later.request(orgId: harness.orgA, campaignId: harness.campaignA, refresh: false)
            #expect(takenOver.state == .running && takenOver.owner != "dead-process")
            await later.settle()
            try await harness.store.finishForecast(
                campaignId: harness.campaignA, owner: "dead-process", report: "{}", failure: nil, now: now)
            let kept = try #require(
                try await harness.store.forecast(orgId: harness.orgA, campaignId: harness.campaignA))
            #expect(kept.state == .done && kept.owner == takenOver.owner && kept.report != "{}")
            _ = other
        }
    }
}
