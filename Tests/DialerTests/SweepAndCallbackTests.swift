import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Testing

/// Scripted callee: every call is a quick no-answer unless `script` says otherwise for its destination.
struct ScriptedProvider: CallScript {
    var script: [String: @Sendable (DialRequest) -> CallResult] = [:]
    var maximumCallDuration: TimeInterval { 60 }

    func place(_ request: DialRequest) async throws -> CallResult {
        if let answer = script[request.to] { return answer(request) }
        return CallResult(
            startedAt: request.queuedAt, answeredAt: nil,
            endedAt: request.queuedAt.addingTimeInterval(20), outcome: .noAnswer)
    }

    func reconcile(_ request: DialRequest) async -> CallResult? { nil }
}

@Suite("Sweep passes and callbacks")
struct SweepAndCallbackTests {
    @Test func sweepTriesEveryNumberOfEveryContactBeforeTheNextPassAfterTheDelay() async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings {
                $0.retry.numberStrategy = .sweep
                $0.retry.maxAttempts = 2
                $0.retry.delayMinutes = 30
                $0.concurrency = 2
                $0.window.timezone = .named(TimeZone(identifier: "America/New_York")!)
            }
            let leads = Harness.leads(5, numbersPerLead: 3)
            let id = try await Harness.campaign(in: store, settings: settings, leads: leads, at: Harness.friday)
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let clock = VirtualClock(start: Harness.friday)
            let stop = try await Harness.runner(
                store: store, campaignId: id, clock: clock, settings: settings, provider: ScriptedProvider()
            ).run(until: Harness.friday.addingTimeInterval(5 * 86_400))
            #expect(stop == .completed)
            let calls = try await store.calls(campaignId: id)
            #expect(calls.count == 5 * 3 * 2, "every number of every contact in each of the two passes")
            let passOne = calls.filter { $0.pass == 1 }
            let passTwo = calls.filter { $0.pass == 2 }
            #expect(passOne.count == 15 && passTwo.count == 15)
            let ends: [Date] = passOne.compactMap { $0.result?.endedAt }
            let lastEnd = try #require(ends.max())
            let starts: [Date] = passTwo.map(\.queuedAt)
            let firstTwo = try #require(starts.min())
            #expect(firstTwo >= lastEnd.addingTimeInterval(30 * 60))
            for lead in Set(calls.map(\.leadId)) {
                let mine = calls.filter { $0.leadId == lead }.sorted { $0.attempt < $1.attempt }
                #expect(mine.map(\.numberIndex) == [0, 1, 2, 0, 1, 2])
                #expect(
                    zip(mine, mine.dropFirst()).allSatisfy { pair in
                        pair.0.pass != pair.1.pass || pair.1.queuedAt.timeIntervalSince(pair.0.result!.endedAt) < 60
                    }, "the next number of a pass is dialled at once")
            }
        }
    }

    @Test(arguments: [(true, true), (true, false), (false, true)])
    func aCallbackIsScheduledOnlyWhenBothSwitchesAreOnAndGoesFirst(detection: Bool, agentAllows: Bool) async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings {
                $0.callbackDetection = detection
                $0.agent.callbacks = agentAllows
                $0.concurrency = 1
                $0.retry.delayMinutes = 24 * 60
                $0.window.timezone = .named(TimeZone(identifier: "America/New_York")!)
            }
            let leads = Harness.leads(4)
            let asked = leads[0].numbers[0]
            let wanted = ISOTime.parse("2026-03-09T15:00:00Z")!  // Monday 11:00 in New York
            var provider = ScriptedProvider()
            provider.script[asked] = { request in
                CallResult(
                    startedAt: request.queuedAt, answeredAt: request.queuedAt.addingTimeInterval(5),
                    endedAt: request.queuedAt.addingTimeInterval(65), outcome: .answered, answeredBy: .human,
                    turns: 6, disposition: "CALLBACK", callbackAt: wanted)
            }
            let id = try await Harness.campaign(in: store, settings: settings, leads: leads, at: Harness.friday)
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let clock = VirtualClock(start: Harness.friday)
            _ = try await Harness.runner(
                store: store, campaignId: id, clock: clock, settings: settings,
                provider: provider
            ).run(until: Harness.friday.addingTimeInterval(5 * 86_400))
            let calls = try await store.calls(campaignId: id).filter { $0.to == asked }
            if detection && agentAllows {
                #expect(calls.count == 4, "three callbacks at most, then the rules stop it")
                #expect(calls[1].queuedAt == wanted, "dialled at the requested time, before the others' retries")
            } else {
                #expect(calls.count == 1, "CALLBACK is then a plain disposition: not in retry.on")
            }
        }
    }
}
