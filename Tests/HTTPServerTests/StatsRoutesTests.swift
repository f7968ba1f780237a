import CampaignCore
import ContactImport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import Testing

@testable import CampaignStore
@testable import HTTPServer

@Suite("GET /v1/campaigns/{id}/stats: every field, checked against the call log")
struct StatsRoutesTests {
    /// Prices the pool's calls from now on (0.012 per minute, 6-second increments) and dials another half hour.
    static func pricedHalfHour(_ harness: APIHarness) async throws {
        let carrier = try await harness.store.upsertCarrier(
            orgId: harness.orgA, name: "trunk", kind: .simulator, callsPerSecond: nil,
            numbers: ["+14155550100", "+14155550101"], now: APIHarness.tuesday)
        try await harness.store.setCarrierRate(
            orgId: harness.orgA, carrierId: carrier, ratePerMinute: "0.012", billingIncrementSeconds: 6)
        let rules = try ComplianceRulesFile.loadBundled()
        _ = try await OutboundAppSimulation.run(harness, rules: rules)
    }

    @Test("counts, KPIs, cost, cost per day and best times equal a recomputation from the calls and leads")
    func everyField() async throws {
        try await APIHarness.run { harness, client in
            try await Self.pricedHalfHour(harness)
            let response = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)/stats", as: "a.viewer", harness: harness)
            #expect(response.status == .ok)
            let json = response.json
            let calls = try await harness.store.calls(campaignId: harness.campaignA).filter { $0.result != nil }
            let results = calls.compactMap(\.result)
            #expect(!results.isEmpty)
            let human = results.filter { $0.outcome == .answered && $0.answeredBy != .machine }
            let policy = RetryPolicy()
            let reached = results.filter { RetryRules.isReached($0, policy: policy) }.count
            let leads = try await harness.store.leads(
                orgId: harness.orgA, campaignId: harness.campaignA, filter: LeadFilter(), after: nil, limit: 500)
            let interested = leads.filter { $0.lastDisposition?.uppercased() == "INTERESTED" }.count
            let optOuts = leads.filter { $0.lastDisposition?.uppercased() == "OPT_OUT" }.count
            #expect(json["callsMade"]?.int == Int64(results.count))
            #expect(json["reached"]?.int == Int64(reached))
            #expect(json["interested"]?.int == Int64(interested))
            #expect(json["optOuts"]?.int == Int64(optOuts))
            #expect(Self.number(json["answerRate"]) == Double(human.count) / Double(results.count))
            #expect(
                Self.number(json["conversionRate"]) == (reached == 0 ? 0 : Double(interested) / Double(reached)))
            let connected = human.reduce(0) { $0 + $1.connectedSeconds }
            #expect(
                Self.number(json["averageConnectedSeconds"])
                    == (human.isEmpty ? 0 : Double(connected) / Double(human.count)))
            let counts = try await harness.store.leadCounts(campaignId: harness.campaignA)
            #expect(json["counts"]?["total"]?.int == Int64(counts.total))
            #expect(json["counts"]?["completed"]?.int == Int64(counts.completed))

            let priced = calls.compactMap(\.cost)
            #expect(!priced.isEmpty, "calls on the priced trunk carry a cost")
            let total = priced.reduce(Decimal(0), +)
            #expect(abs(Self.number(json["cost"]) - NSDecimalNumber(decimal: total).doubleValue) < 1e-9)
            let days = json["costPerDay"]?.items ?? []
            #expect(days.count == 30)
            #expect(days.last?["date"]?.string == "2026-03-03", "the trend ends on the UTC day of the server's now")
            #expect(
                abs(days.reduce(0) { $0 + Self.number($1["cost"]) } - NSDecimalNumber(decimal: total).doubleValue)
                    < 1e-9)
            let billed = calls.filter { $0.cost != nil }.compactMap(\.result).reduce(0) {
                $0 + CallCost.billedSeconds(connectedSeconds: $1.connectedSeconds, incrementSeconds: 6)
            }
            #expect(abs(days.reduce(0) { $0 + Self.number($1["minutes"]) } - Double(billed) / 60) < 1e-9)

            let best = json["bestTimes"]?.items ?? []
            #expect(best.reduce(0) { $0 + ($1["calls"]?.int ?? 0) } == Int64(results.count))
            #expect(best.reduce(0) { $0 + ($1["answered"]?.int ?? 0) } == Int64(human.count))
            #expect(best.allSatisfy { $0["weekday"]?.string == "tue" }, "a Tuesday morning in New York and Chicago")
            for cell in best {
                let rate = Double(cell["answered"]?.int ?? 0) / Double(cell["calls"]?.int ?? 1)
                #expect(Self.number(cell["answerRate"]) == rate)
            }
        }
    }

    @Test("a campaign with no calls answers zeros, a null cost and 30 empty days")
    func aDraftHasZeros() async throws {
        try await APIHarness.run { harness, client in
            let draft = try await APIHarness.campaign(in: harness.store, orgId: harness.orgA, name: "Empty", leads: 3)
            let json = try await client.send(.get, "/v1/campaigns/\(draft)/stats", as: "a.viewer", harness: harness)
                .json
            #expect(json["callsMade"]?.int == 0 && json["reached"]?.int == 0 && json["counts"]?["total"]?.int == 3)
            #expect(json["cost"] == .null && json["answerRate"] == .number(0) && json["bestTimes"]?.items == [])
            #expect(json["costPerDay"]?.items.count == 30)
        }
    }

    @Test("another organisation's campaign answers 404, like a missing one")
    func foreignCampaign() async throws {
        try await APIHarness.run { harness, client in
            let foreign = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)/stats", as: "b.admin", harness: harness)
            #expect(foreign.status == .notFound)
            let missing = try await client.send(.get, "/v1/campaigns/99999/stats", as: "b.admin", harness: harness)
            #expect(missing.status == .notFound && missing.text.contains("99999"))
        }
    }

    static func number(_ value: JSONValue?) -> Double {
        guard case .number(let number)? = value else { return .nan }
        return number
    }
}

/// Another half hour of the harness's simulation (on the same virtual day).
enum OutboundAppSimulation {
    static func run(_ harness: APIHarness, rules: ComplianceRules) async throws {
        _ = try await Simulation(store: harness.store, campaignId: harness.campaignA, seed: 6, compliance: rules)
            .run(
                from: APIHarness.tuesday.addingTimeInterval(1800), until: APIHarness.tuesday.addingTimeInterval(3600))
    }
}
