import CampaignCore
import CampaignStore
import ContactImport
import Dialer
import Foundation
import OutboundApp
import Testing

@Suite("Simulation and forecast use cases on a real SQLite store, without the command line")
struct SimulationTests {
    @Test("a small campaign completes and the summary's counts are the store's")
    func smallCampaignCompletes() async throws {
        try await AppStore.withStore { store in
            let id = try await AppStore.campaign(in: store, leads: 12)
            let rules = try ComplianceRulesFile.loadBundled()
            let summary = try await Simulation(store: store, campaignId: id, seed: 3, compliance: rules)
                .run(from: AppStore.friday, until: AppStore.friday.addingTimeInterval(14 * 86_400))
            let counts = try await store.leadCounts(campaignId: id)
            let calls = try await store.callSummary(campaignId: id)
            #expect(summary.status == "completed")
            #expect(summary.contacts == 12 && counts.total == 12)
            #expect(summary.completed == counts.completed && summary.failed == counts.failed)
            #expect(summary.completed + summary.failed == 12 && summary.pending == 0)
            #expect(summary.calls == calls.calls && summary.reached == calls.reached && summary.calls >= 12)
            #expect(summary.outcomes.values.reduce(0, +) == summary.calls)
        }
    }

    @Test("a run resumed at its end simulates no time")
    func resumedRunIsIdle() async throws {
        try await AppStore.withStore { store in
            let id = try await AppStore.campaign(in: store, leads: 4)
            let rules = try ComplianceRulesFile.loadBundled()
            let end = AppStore.friday.addingTimeInterval(3_600)
            let simulation = Simulation(store: store, campaignId: id, seed: 1, compliance: rules)
            _ = try await simulation.run(from: AppStore.friday, until: end)
            let again = try await simulation.run(from: AppStore.friday, until: end)
            #expect(again.simulatedHours == 0)
            #expect(again.stoppedBecause == "deadline")
        }
    }

    @Test("an unknown campaign is an app failure naming it")
    func unknownCampaign() async throws {
        try await AppStore.withStore { store in
            let rules = try ComplianceRulesFile.loadBundled()
            let error = await #expect(throws: AppFailure.self) {
                _ = try await Simulation(store: store, campaignId: 99, seed: 1, compliance: rules)
                    .run(from: AppStore.friday, until: AppStore.friday.addingTimeInterval(60))
            }
            #expect(error?.message == "campaign 99 not found")
        }
    }

    @Test("a simulation refuses to run while another process holds the campaign's lease, and names it")
    func leaseHeldElsewhere() async throws {
        try await AppStore.withStore { store in
            let id = try await AppStore.campaign(in: store, leads: 2)
            let other = SimulationHolder(host: "another-host.invalid", pid: 42, startToken: "t")
            // Its lease lasts an hour past the wall clock, so the test never races its expiry.
            _ = try await SimulationLease.acquire(
                store: store, campaignId: id, holder: other, now: Date().addingTimeInterval(3_600))
            let rules = try ComplianceRulesFile.loadBundled()
            let error = await #expect(throws: AppFailure.self) {
                _ = try await Simulation(store: store, campaignId: id, seed: 1, compliance: rules)
                    .runHoldingLease(from: AppStore.friday, until: AppStore.friday.addingTimeInterval(60))
            }
            #expect(
                error?.message.hasPrefix("campaign \(id) is already simulating in") == true,
                "\(String(describing: error))")
            #expect(try await store.leadCounts(campaignId: id).pending == 2, "nothing was dialled")
        }
    }

    @Test("a forecast runs on a copy and leaves the store's leads untouched")
    func forecastLeavesSourceUntouched() async throws {
        try await AppStore.withStore { store in
            let id = try await AppStore.campaign(in: store, leads: 6)
            let rules = try ComplianceRulesFile.loadBundled()
            let report = try await CampaignForecast(campaignId: id, seed: 2, compliance: rules, days: 14)
                .run(copying: store, from: AppStore.friday)
            #expect(report.contacts == 6 && report.calls >= 6)
            #expect(report.finishes != nil)
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.pending == 6)
            #expect(try await store.callSummary(campaignId: id).calls == 0)
            #expect(try await store.campaign(id: id)?.status == .draft)
        }
    }
}
