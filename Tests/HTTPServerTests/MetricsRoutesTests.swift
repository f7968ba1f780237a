import CampaignCore
import CampaignStore
import ContactImport
import Dialer
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import Testing

@Suite("GET /metrics: Prometheus text of the process's calls, requests and imports")
struct MetricsRoutesTests {
    /// The value of one series of a scrape (0 when the series is not there yet).
    static func value(_ scrape: String, _ series: String) -> Double {
        for line in scrape.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1)) ?? .nan
        }
        return 0
    }

    static func scrape(_ client: some TestClientProtocol, _ harness: APIHarness) async throws -> String {
        let response = try await client.send(.get, "/metrics", as: "a.admin", harness: harness)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        return response.text
    }

    static func requests(_ route: String, _ method: String = "GET", status: Int) -> String {
        #"outbound_http_requests_total{route="\#(route)",method="\#(method)",status="\#(status)"}"#
    }

    @Test("HTTP requests count by route template, method and status, never by raw path; unknown paths as unmatched")
    func requestsByRoute() async throws {
        try await APIHarness.run { harness, client in
            let before = try await Self.scrape(client, harness)
            for _ in 0..<3 {
                let ok = try await client.send(
                    .get, "/v1/campaigns/\(harness.campaignA)", as: "a.viewer", harness: harness)
                #expect(ok.status == .ok)
            }
            let missing = try await client.send(.get, "/v1/campaigns/987654", as: "a.viewer", harness: harness)
            #expect(missing.status == .notFound)
            let refused = try await client.send(.get, "/v1/campaigns", as: nil, harness: harness)
            #expect(refused.status == .unauthorized)
            for path in ["/wp-login.php", "/v1/nothing/\(UUID())"] {
                _ = try await client.send(.get, path, as: nil, harness: harness)
            }
            let after = try await Self.scrape(client, harness)
            func moved(_ series: String) -> Double { Self.value(after, series) - Self.value(before, series) }
            #expect(moved(Self.requests("/v1/campaigns/{id}", status: 200)) == 3)
            #expect(moved(Self.requests("/v1/campaigns/{id}", status: 404)) == 1)
            #expect(moved(Self.requests("/v1/campaigns", status: 401)) == 1)
            #expect(moved(Self.requests("unmatched", status: 404)) == 2)
            #expect(Self.value(after, Self.requests("/metrics", status: 200)) >= 1)
            #expect(
                moved(#"outbound_http_request_duration_seconds_count{route="/v1/campaigns/{id}",method="GET"}"#) == 4)
            #expect(!after.contains("/v1/campaigns/\(harness.campaignA)\""), "a raw path became a label")
            #expect(!after.contains("987654") && !after.contains("wp-login") && !after.contains("/v1/nothing"))
            #expect(!after.contains("Acme") && !after.contains("acme"), "an organisation's name leaked")
        }
    }

    @Test("only an admin key or session reads the metrics: none 401, viewer and operator 403")
    func authorisation() async throws {
        try await APIHarness.run { harness, client in
            let anonymous = try await client.send(.get, "/metrics", as: nil, harness: harness)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.contentType] == "application/problem+json")
            #expect(!anonymous.text.contains("outbound_"))
            for key in ["a.viewer", "a.operator", "b.viewer"] {
                let response = try await client.send(.get, "/metrics", as: key, harness: harness)
                #expect(response.status == .forbidden, "\(key)")
                #expect(!response.text.contains("outbound_"))
            }
            let session = try await client.session("admin@a.example")
            let bySession = try await client.executeRequest(
                uri: "/metrics", method: .get, headers: session.headers(), body: nil)
            #expect(bySession.status == .ok && bySession.text.contains("outbound_calls_placed_total 0"))
            let otherAdmin = try await client.send(.get, "/metrics", as: "b.admin", harness: harness)
            #expect(otherAdmin.status == .ok)
        }
    }

    @Test("an upload's rows count as accepted, duplicate and rejected")
    func importRows() async throws {
        try await APIHarness.run { harness, client in
            let created = try await client.send(
                .post, "/v1/campaigns", as: "a.operator", harness: harness, json: CampaignRoutesTests.document)
            let id = try #require(created.json["id"]?.int)
            let csv = "phone_number,name\n+14155550123,Al\nnot a number,Bo\n+14155550124,Cy\n+14155550123,Al again\n"
            let before = try await Self.scrape(client, harness)
            let upload = try await client.executeRequest(
                uri: "/v1/campaigns/\(id)/contacts", method: .put,
                headers: harness.auth("a.operator").merging([.contentType: "text/csv"]), body: ByteBuffer(string: csv))
            #expect(upload.status == .ok)
            let after = try await Self.scrape(client, harness)
            func moved(_ result: String) -> Double {
                let series = #"outbound_import_rows_total{result="\#(result)"}"#
                return Self.value(after, series) - Self.value(before, series)
            }
            #expect(moved("accepted") == Double(upload.json["imported"]?.int ?? -1))
            #expect(moved("duplicate") == Double(upload.json["duplicates"]?.int ?? -1))
            #expect(moved("rejected") == Double(upload.json["rejected"]?.int ?? -1))
            #expect(moved("accepted") == 2 && moved("rejected") == 1)
        }
    }

    /// Runs `campaign` on the simulator, counting in `metrics`; what each progress report and a scrape at that
    /// instant said.
    static func run(
        _ campaign: Campaign, store: SQLCampaignStore, metrics: ServerMetrics, baseline: Double
    ) async throws -> [GaugeSample] {
        let seen = GaugeSamples()
        let runner = SimulationRunner.make(
            store: store, campaign: campaign, seed: 11, clock: VirtualClock(start: APIHarness.tuesday),
            compliance: try ComplianceRulesFile.loadBundled()
        ) { progress in
            let text = String(decoding: metrics.exposition(), as: UTF8.self)
            seen.add(
                GaugeSample(
                    live: progress.live, leases: Self.value(text, "outbound_call_leases_held"),
                    placed: progress.placed, placedCounter: Self.value(text, "outbound_calls_placed_total") - baseline))
        }.reporting(to: metrics.dialler)
        _ = try await runner.run(until: APIHarness.tuesday.addingTimeInterval(4 * 3600))
        return seen.all
    }

    @Test(
        "a simulated run moves calls placed and ended by outcome as its call log says; live calls and leases follow the runner and fall back to zero when it stops"
    )
    func diallerCounts() async throws {
        try await APIHarness.run { harness, client in
            let metrics = harness.services.metrics
            let before = try await Self.scrape(client, harness)
            let id = try await APIHarness.campaign(in: harness.store, orgId: harness.orgA, name: "Metered", leads: 40)
            _ = try await harness.store.apply(.start, campaignId: id, now: APIHarness.tuesday)
            let found = try await harness.store.campaign(id: id)
            let campaign = try #require(found)
            let baseline = Self.value(before, "outbound_calls_placed_total")
            let samples = try await Self.run(campaign, store: harness.store, metrics: metrics, baseline: baseline)
            let calls = try await harness.store.calls(orgId: harness.orgA, campaignId: id, after: nil, limit: 500)
            #expect(calls.count > 40, "retries ran too")
            let after = try await Self.scrape(client, harness)
            Self.check(before: before, after: after, calls: calls, samples: samples)
        }
    }

    /// The counters moved by the call log's figures; the gauges followed the runner, then fell to zero.
    static func check(before: String, after: String, calls: [CallRecord], samples: [GaugeSample]) {
        let placed = "outbound_calls_placed_total"
        #expect(value(after, placed) - value(before, placed) == Double(calls.count))
        var byOutcome: [CallOutcome: Int] = [:]
        for call in calls { byOutcome[call.result?.outcome ?? .interrupted, default: 0] += 1 }
        for outcome in CallOutcome.allCases {
            let series = #"outbound_calls_ended_total{outcome="\#(outcome.rawValue)"}"#
            #expect(value(after, series) - value(before, series) == Double(byOutcome[outcome] ?? 0), "\(outcome)")
        }
        #expect(samples.contains { $0.live > 0 }, "the run had live calls")
        for sample in samples {
            #expect(sample.leases == Double(sample.live))
            #expect(sample.placedCounter == Double(sample.placed))
        }
        #expect(value(after, "outbound_call_leases_held") == 0)
        #expect(value(after, "outbound_calls_live") == 0)
    }
}

/// What a progress report and a scrape said at the same instant.
struct GaugeSample: Sendable {
    var live: Int
    var leases: Double
    var placed: Int
    var placedCounter: Double
}

/// Samples gathered from the runner's progress callback.
final class GaugeSamples: @unchecked Sendable {
    // Safe: every access to `samples` holds `lock`.
    private let lock = NSLock()
    private var samples: [GaugeSample] = []

    func add(_ sample: GaugeSample) { lock.withLock { samples.append(sample) } }

    var all: [GaugeSample] { lock.withLock { samples } }
}
