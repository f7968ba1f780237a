import CampaignCore
import CampaignStore
import Dialer
import Foundation
import TestSupport
import Testing

@Suite("The campaign runner on a virtual clock")
struct CampaignRunnerTests {
    @Test func runsAMultiDayCampaignToCompletionWithinEveryRule() async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings()
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(150),
                at: Harness.friday)
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let clock = VirtualClock(start: Harness.friday)
            let provider = CountingProvider(inner: SimulatorProvider(model: settings.simulator, seed: 42))
            let stop = try await Harness.runner(
                store: store, campaignId: id, clock: clock, settings: settings, provider: provider
            ).run(until: Harness.friday.addingTimeInterval(20 * 86_400))
            #expect(stop == .completed)
            #expect(try await store.campaign(id: id)?.status == .completed)
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.finished == 150 && counts.pending == 0 && counts.inProgress == 0)
            let calls = try await store.calls(campaignId: id)
            #expect(calls.count > 150, "retries happened")
            #expect(Set(calls.map(\.leadId)).count == 150, "every contact was dialled")
            #expect(provider.placements.withLock { $0.values.allSatisfy { $0 == 1 } }, "no attempt placed twice")
            let checker = CallLogChecker(settings: settings, callbackAllowance: RetryRules.maximumCallbacks)
            #expect(checker.violations(in: calls) == [])
            #expect(
                calls.contains { Calendar.current.component(.day, from: $0.queuedAt) >= 9 },
                "the weekend was skipped and dialling went on after it")
        }
    }

    @Test func theSameSeedGivesTheSameCallLog() async throws {
        var logs: [[String]] = []
        for _ in 0..<2 {
            try await Harness.withStore { store, _ in
                let settings = Harness.settings()
                let id = try await Harness.campaign(
                    in: store, settings: settings, leads: Harness.leads(40),
                    at: Harness.friday)
                _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
                let clock = VirtualClock(start: Harness.friday)
                _ = try await Harness.runner(store: store, campaignId: id, clock: clock, seed: 9, settings: settings)
                    .run(until: Harness.friday.addingTimeInterval(10 * 86_400))
                logs.append(try await store.calls(campaignId: id).map { CallLogFormat.line(CallLogFormat.fields($0)) })
            }
        }
        #expect(!logs[0].isEmpty)
        #expect(logs[0] == logs[1])
    }

    @Test func pauseLetsLiveCallsFinishAndDialsNothingNew() async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings { $0.window.timezone = .named(TimeZone(identifier: "America/New_York")!) }
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(60),
                at: Harness.friday)
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let provider = PausingProvider(
                inner: SimulatorProvider(model: settings.simulator, seed: 1), store: store, pauseAfter: 10)
            let clock = VirtualClock(start: Harness.friday)
            let stop = try await Harness.runner(
                store: store, campaignId: id, clock: clock, settings: settings, provider: provider
            ).run(until: Harness.friday.addingTimeInterval(86_400))
            #expect(stop == .paused)
            let pausedAt = try #require(provider.pausedAt.withLock { $0 })
            let calls = try await store.calls(campaignId: id)
            #expect(calls.count == 10)
            #expect(calls.allSatisfy { $0.queuedAt <= pausedAt && $0.result != nil }, "live calls finished")
            #expect(try await store.liveCallCount(campaignId: id) == 0)

            _ = try await store.apply(.resume, campaignId: id, now: clock.now())
            let resumed = try await Harness.runner(store: store, campaignId: id, clock: clock, settings: settings)
                .run(until: Harness.friday.addingTimeInterval(20 * 86_400))
            #expect(resumed == .completed)
            #expect(
                CallLogChecker(settings: settings, callbackAllowance: 3)
                    .violations(in: try await store.calls(campaignId: id)) == [])
        }
    }

    @Test func aRunnerStoppedMidCallAdoptsItsOwnLiveCallsWhenRestarted() async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings()
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(30),
                at: Harness.friday)
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let clock = VirtualClock(start: Harness.friday)
            let first = try await Harness.runner(store: store, campaignId: id, clock: clock, settings: settings)
                .run(until: Harness.friday.addingTimeInterval(95))
            #expect(first == .deadline)
            let live = try await store.liveCallCount(campaignId: id)
            #expect(live > 0, "the stop left calls live, as a kill would")
            let provider = CountingProvider(inner: SimulatorProvider(model: settings.simulator, seed: 42))
            let second = try await Harness.runner(
                store: store, campaignId: id, clock: clock, settings: settings, provider: provider
            ).run(until: Harness.friday.addingTimeInterval(20 * 86_400))
            #expect(second == .completed)
            let calls = try await store.calls(campaignId: id)
            let adopted = Set(calls.filter { $0.queuedAt < Harness.friday.addingTimeInterval(95) }.map(\.id))
            #expect(
                provider.placements.withLock { Set($0.keys).isDisjoint(with: adopted) },
                "calls live at the stop were reconciled, not dialled again")
            #expect(CallLogChecker(settings: settings, callbackAllowance: 3).violations(in: calls) == [])
        }
    }

    @Test(arguments: [false, true])
    func aDeadWorkersLapsedLeaseIsReconciledOrMarkedInterrupted(providerKnows: Bool) async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings { $0.window.timezone = .named(TimeZone(identifier: "America/New_York")!) }
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(1),
                at: Harness.friday)
            let campaign = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let dead = try #require(
                try await store.lease(
                    LeaseRequest(
                        campaign: campaign, owner: "dead-worker", now: Harness.friday, limit: 1, openZoneKeys: nil,
                        leaseDuration: 600)
                ).attempts.first)
            let simulator = SimulatorProvider(model: settings.simulator, seed: 5)
            let provider: any CallScript = providerKnows ? simulator : ForgetfulProvider(inner: simulator)
            let clock = VirtualClock(start: Harness.friday)
            _ = try await Harness.runner(
                store: store, campaignId: id, clock: clock, settings: settings,
                provider: provider
            ).run(until: Harness.friday.addingTimeInterval(3 * 86_400))
            let calls = try await store.calls(campaignId: id)
            let reaped = try #require(calls.first { $0.id == dead.callId })
            if providerKnows {
                #expect(
                    reaped.result
                        == simulator.outcome(
                            for: DialRequest(
                                callId: dead.callId, campaignId: id, to: dead.to, from: dead.from,
                                queuedAt: dead.queuedAt)))
            } else {
                #expect(reaped.result?.outcome == .interrupted)
                #expect(try #require(reaped.result?.endedAt) > dead.leaseExpires, "reaped only after the lease lapsed")
            }
        }
    }

    @Test func aSingleDayCampaignCompletesWhenTheWindowCloses() async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings {
                $0.mode = .singleDay
                $0.concurrency = 1
                $0.window.timezone = .named(TimeZone(identifier: "America/Chicago")!)
            }
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(400),
                at: Harness.friday)
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let clock = VirtualClock(start: Harness.friday)
            let stop = try await Harness.runner(store: store, campaignId: id, clock: clock, settings: settings)
                .run(until: Harness.friday.addingTimeInterval(5 * 86_400))
            #expect(stop == .completed)
            let closes = ISOTime.parse("2026-03-07T00:00:00Z")!  // 18:00 in Chicago on Friday
            let calls = try await store.calls(campaignId: id)
            #expect(!calls.isEmpty && calls.allSatisfy { $0.queuedAt < closes })
            #expect(clock.now() >= closes && clock.now() < closes.addingTimeInterval(3600))
            #expect(try await store.leadCounts(campaignId: id).pending > 0, "not everyone fits in one afternoon")
        }
    }

    @Test func aScheduledCampaignWaitsForItsStartTime() async throws {
        try await Harness.withStore { store, _ in
            let startAt = ISOTime.parse("2026-03-10T15:30:00Z")!
            let settings = Harness.settings { $0.startAt = startAt }
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(5),
                at: Harness.friday)
            #expect(try await store.apply(.start, campaignId: id, now: Harness.friday).status == .scheduled)
            let clock = VirtualClock(start: Harness.friday)
            _ = try await Harness.runner(store: store, campaignId: id, clock: clock, settings: settings)
                .run(until: Harness.friday.addingTimeInterval(10 * 86_400))
            let calls = try await store.calls(campaignId: id)
            #expect(!calls.isEmpty && calls.allSatisfy { $0.queuedAt >= startAt })
        }
    }

    @Test func contactsThatCanNeverBeCalledAreFailedWithAReason() async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings {
                $0.window.start = LocalTime(minutes: 9 * 60)!
                $0.window.end = LocalTime(minutes: 10 * 60)!
            }
            let apart = NewLead(
                sourceLine: 2, numbers: ["+18085550100"], timezones: ["Pacific/Honolulu", "Asia/Tokyo"],
                timezoneSource: "number", variables: [:])
            let unknown = NewLead(
                sourceLine: 3, numbers: ["+18085550101"], timezones: ["Mars/Olympus"],
                timezoneSource: "column", variables: [:])
            let fine = NewLead(
                sourceLine: 4, numbers: ["+12125550100"], timezones: ["America/New_York"],
                timezoneSource: "column", variables: [:])
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: [apart, unknown, fine],
                at: Harness.friday)
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let clock = VirtualClock(start: Harness.friday)
            let stop = try await Harness.runner(store: store, campaignId: id, clock: clock, settings: settings)
                .run(until: Harness.friday.addingTimeInterval(20 * 86_400))
            #expect(stop == .completed)
            let calls = try await store.calls(campaignId: id)
            #expect(Set(calls.map(\.to)) == ["+12125550100"])
            #expect(try await store.leadCounts(campaignId: id).failed >= 2)
        }
    }
}
