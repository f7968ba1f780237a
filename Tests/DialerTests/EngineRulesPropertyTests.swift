import CampaignCore
import CampaignStore
import ContactImport
import Dialer
import Foundation
import TestSupport
import Testing

/// Many seeded random campaigns (zones across DST dates, windows at the edges of the day, every strategy, retry
/// settings, pacing caps, opt-outs mid-run, pauses and resumes, crashes and resumes, numbers in jurisdictions with
/// quiet hours and frequency caps), each run by the real engine under the shipped compliance rules and then replayed
/// from its exported call log by an independent checker. Zero violations allowed.
@Suite("Engine rules hold for random campaigns")
struct EngineRulesPropertyTests {
    static let seeds: [UInt64] = Array(1...100)
    static let rules = try! ComplianceRulesFile.loadBundled()
    static let ruleKeys = try! StoredNumberRuleKeys()

    @Test(arguments: seeds)
    func everyCallKeepsEveryRule(seed: UInt64) async throws {
        let scenario = RandomCampaign(seed: seed)
        try await Harness.withStore { store, _ in
            let outcome = try await play(scenario, in: store)
            let calls = try await store.calls(campaignId: outcome.campaignId)
            var checker = CallLogChecker(settings: scenario.settings, callbackAllowance: RetryRules.maximumCallbacks)
            checker.orgCap = scenario.orgCap
            checker.callsPerSecond = scenario.callsPerSecond
            checker.manualOptOuts = outcome.manualOptOuts
            // one campaign per database, so lead ids are 1…n in list order
            for (index, lead) in scenario.leads.enumerated() {
                checker.numbersByLead[Int64(index + 1)] = lead.numbers
                checker.zonesByLead[Int64(index + 1)] = lead.timezones
            }
            let violations = checker.violations(in: calls)
            #expect(violations.isEmpty, "seed \(seed): \(violations.prefix(5))")
            for (from, until) in outcome.pausedSpans {
                #expect(
                    !calls.contains { $0.queuedAt >= from && $0.queuedAt < until }, "seed \(seed): dialled while paused"
                )
            }
            let campaign = try #require(try await store.campaign(id: outcome.campaignId))
            let counts = try await store.leadCounts(campaignId: outcome.campaignId)
            #expect(counts.total == scenario.leads.count, "seed \(seed): no contact lost")
            if campaign.status == .completed && scenario.settings.mode == .multiDay {
                #expect(counts.finished == counts.total, "seed \(seed): completed with open leads \(counts)")
            }
            if outcome.stop == .completed || outcome.stop == .idle {
                #expect(try await store.liveCallCount(campaignId: outcome.campaignId) == 0, "seed \(seed)")
                #expect(calls.allSatisfy { $0.result != nil }, "seed \(seed): a call never ended")
            }
        }
    }

    struct Outcome {
        let campaignId: Int64
        let stop: RunnerStop
        var manualOptOuts: [String: Date]
        var pausedSpans: [(Date, Date)]
    }

    /// Runs the scenario's campaign through its interruptions, then to completion or a 40-day horizon.
    private func play(_ scenario: RandomCampaign, in store: SQLCampaignStore) async throws -> Outcome {
        // The rule key the importer would store: the jurisdictions of every number.
        let leads = scenario.leads.map { lead in
            var keyed = lead
            keyed.ruleKey = Self.ruleKeys.ruleKey(lead.numbers)
            return keyed
        }
        let id = try await Harness.campaign(in: store, settings: scenario.settings, leads: leads, at: scenario.start)
        let orgId = try #require(try await store.campaign(id: id)).orgId
        try await store.setConcurrencyCap(orgId: orgId, cap: scenario.orgCap)
        if let cps = scenario.callsPerSecond {
            _ = try await store.upsertCarrier(
                orgId: orgId, name: "sim", kind: .simulator, callsPerSecond: cps,
                numbers: scenario.settings.numberPool, now: scenario.start)
        }
        _ = try await store.apply(.start, campaignId: id, now: scenario.start)
        let clock = VirtualClock(start: scenario.start)
        var worker = 1
        var outcome = Outcome(campaignId: id, stop: .deadline, manualOptOuts: [:], pausedSpans: [])
        func runner() -> CampaignRunner {
            Harness.runner(
                store: store, campaignId: id, clock: clock, seed: scenario.seed, settings: scenario.settings,
                worker: "worker-\(worker)", compliance: Self.rules)
        }
        for (offset, what) in scenario.interruptions {
            let stop = try await runner().run(until: scenario.start.addingTimeInterval(offset))
            if stop != .deadline { break }
            switch what {
            case .pause(let resumeAfter):
                _ = try await store.apply(.pause, campaignId: id, now: clock.now())
                let pausedAt = clock.now()
                #expect(try await runner().run(until: pausedAt.addingTimeInterval(resumeAfter)) != .completed)
                try await clock.sleep(until: pausedAt.addingTimeInterval(resumeAfter))
                outcome.pausedSpans.append((pausedAt, clock.now()))
                _ = try await store.apply(.resume, campaignId: id, now: clock.now())
            case .optOut(let index):
                let number = scenario.leads[index].numbers[0]
                try await store.addOptOut(orgId: orgId, e164: number, source: "operator", now: clock.now())
                outcome.manualOptOuts[number] = min(outcome.manualOptOuts[number] ?? clock.now(), clock.now())
            case .crash:
                worker += 1
            case .stop:
                break
            }
        }
        let final = try await runner().run(until: scenario.start.addingTimeInterval(40 * 86_400))
        return Outcome(
            campaignId: id, stop: final, manualOptOuts: outcome.manualOptOuts,
            pausedSpans: outcome.pausedSpans)
    }
}
