import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The runners run on virtual clocks (one per campaign); only the scheduler's polling uses wall time, every 50 ms,
/// and every wait on it is bounded by ``eventually(timeout:_:)``.
@Suite("The campaign scheduler service")
struct CampaignSchedulerServiceTests {
    @Test func runsEveryStartedCampaignAndNoOther() async throws {
        try await Harness.withStore { store, _ in
            let first = try await Self.startedCampaign(in: store)
            let second = try await Self.startedCampaign(in: store)
            let draft = try await Self.campaign(in: store)
            let probe = Probe()
            let scheduler = Self.scheduler(store: store, probe: probe)
            let running = Self.start(scheduler, probe: probe)
            #expect(
                try await eventually { try await Self.areCompleted([first, second], store) })
            for id in [first, second] {
                #expect(try await store.calls(campaignId: id).count >= 4, "campaign \(id) was dialled")
                #expect(try await store.leadCounts(campaignId: id).finished == 4)
            }
            #expect(try await store.calls(campaignId: draft).isEmpty, "a draft is not run")
            #expect(probe.starts(of: first) == 1 && probe.starts(of: second) == 1)
            running.cancel()
            #expect(await eventually(timeout: .seconds(60)) { probe.hasReturned })
        }
    }

    @Test func picksUpACampaignStartedAfterItBegan() async throws {
        try await Harness.withStore { store, _ in
            let id = try await Self.campaign(in: store)
            let probe = Probe()
            let running = Self.start(Self.scheduler(store: store, probe: probe), probe: probe)
            #expect(await eventually { probe.looks >= 2 })
            #expect(probe.starts(of: id) == 0, "not runnable yet")
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            #expect(try await eventually { try await Self.isCompleted(id, store) })
            #expect(try await store.leadCounts(campaignId: id).finished == 4)
            running.cancel()
            #expect(await eventually(timeout: .seconds(60)) { probe.hasReturned })
        }
    }

    @Test func pausingLetsTheLiveCallFinishAndResumingStartsANewRunner() async throws {
        try await Harness.withStore { store, _ in
            let id = try await Self.startedCampaign(in: store, leads: 10) { $0.concurrency = 1 }
            let gated = GatedProvider(
                inner: SimulatorProvider(model: Harness.settings().simulator, seed: 5), permits: 2)
            let probe = Probe()
            let running = Self.start(Self.scheduler(store: store, probe: probe, provider: gated), probe: probe)
            #expect(await eventually { gated.placed == 2 && gated.waiting == 1 }, "blocked placing the third call")
            _ = try await store.apply(.pause, campaignId: id, now: Harness.friday)
            let callsAtPause = try await store.calls(campaignId: id).count
            gated.allow(100)
            #expect(
                await eventually { probe.events.contains(.returned(campaignId: id, stop: .paused)) },
                "the runner lets its live call finish, then stops by itself")
            let looks = probe.looks
            #expect(await eventually { probe.looks >= looks + 3 })
            let paused = try await store.calls(campaignId: id)
            #expect(paused.count == callsAtPause, "no call after the pause")
            #expect(paused.allSatisfy { $0.result != nil }, "the live call was recorded")
            #expect(gated.placed == 3 && probe.starts(of: id) == 1)

            _ = try await store.apply(.resume, campaignId: id, now: Harness.friday)
            #expect(try await eventually { try await Self.isCompleted(id, store) })
            #expect(probe.starts(of: id) == 2)
            let calls = try await store.calls(campaignId: id)
            #expect(Set(calls.map(\.id)).count == calls.count)
            #expect(try await store.leadCounts(campaignId: id).finished == 10)
            running.cancel()
            #expect(await eventually(timeout: .seconds(60)) { probe.hasReturned })
        }
    }

    @Test func gracefulShutdownCancelsRunnersAndLeavesLiveCallsLeased() async throws {
        try await Harness.withStore { store, _ in
            let id = try await Self.startedCampaign(in: store)
            let gated = GatedProvider(
                inner: SimulatorProvider(model: Harness.settings().simulator, seed: 5), permits: 0)
            let probe = Probe()
            let scheduler = Self.scheduler(store: store, probe: probe, provider: gated)
            var logger = Logger(label: "test.services")
            logger.logLevel = .critical
            let group = ServiceGroup(configuration: .init(services: [.init(service: scheduler)], logger: logger))
            let running = Task {
                try await group.run()
                probe.markReturned()
            }
            #expect(await eventually { gated.waiting > 0 }, "a runner is mid-call")
            await group.triggerGracefulShutdown()
            #expect(await eventually(timeout: .seconds(60)) { probe.hasReturned }, "returns promptly")
            #expect(probe.events.contains(.ended(campaignId: id)))
            #expect(try await store.liveCallCount(campaignId: id) > 0, "live calls stay leased for a later runner")
            running.cancel()
        }
    }

    @Test func cancellationReturnsPromptly() async throws {
        try await Harness.withStore { store, _ in
            _ = try await Self.startedCampaign(in: store)
            let gated = GatedProvider(
                inner: SimulatorProvider(model: Harness.settings().simulator, seed: 5), permits: 0)
            let probe = Probe()
            let running = Self.start(Self.scheduler(store: store, probe: probe, provider: gated), probe: probe)
            #expect(await eventually { gated.waiting > 0 })
            running.cancel()
            #expect(await eventually(timeout: .seconds(60)) { probe.hasReturned })
            #expect(gated.waiting == 0, "the runner was cancelled with it")
        }
    }

    static func campaign(
        in store: SQLCampaignStore, leads: Int = 4, _ edit: (inout CampaignSettings) -> Void = { _ in }
    ) async throws -> Int64 {
        try await Harness.campaign(
            in: store, settings: Harness.settings(edit), leads: Harness.leads(leads), at: Harness.friday)
    }

    static func startedCampaign(
        in store: SQLCampaignStore, leads: Int = 4, _ edit: (inout CampaignSettings) -> Void = { _ in }
    ) async throws -> Int64 {
        let id = try await campaign(in: store, leads: leads, edit)
        _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
        return id
    }

    static func isCompleted(_ id: Int64, _ store: SQLCampaignStore) async throws -> Bool {
        try await store.campaign(id: id)?.status == .completed
    }

    static func areCompleted(_ ids: [Int64], _ store: SQLCampaignStore) async throws -> Bool {
        for id in ids where try await !isCompleted(id, store) { return false }
        return true
    }

    /// A scheduler polling every 50 ms whose runners each keep one virtual clock per campaign across restarts.
    static func scheduler(
        store: SQLCampaignStore, probe: Probe, provider: (any CallScript)? = nil, executor: (any TaskExecutor)? = nil
    ) -> CampaignSchedulerService {
        let clocks = Mutex<[Int64: VirtualClock]>([:])
        return CampaignSchedulerService(
            store: store, interval: .milliseconds(50), onEvent: probe.record, executor: executor
        ) { campaign in
            let clock = clocks.withLock { clocks in
                if let clock = clocks[campaign.id] { return clock }
                let clock = VirtualClock(start: Harness.friday)
                clocks[campaign.id] = clock
                return clock
            }
            return CampaignRunner(
                store: store, campaignId: campaign.id,
                provider: provider ?? SimulatorProvider(model: campaign.settings.simulator, seed: 7), clock: clock,
                workerId: "scheduler-\(campaign.id)", compliance: Harness.permissive)
        }
    }

    static func start(_ scheduler: CampaignSchedulerService, probe: Probe) -> Task<Void, any Error> {
        Task {
            try await scheduler.run()
            probe.markReturned()
        }
    }
}

/// Records what a scheduler reports and whether its `run()` returned.
final class Probe: Sendable {
    private let state = Mutex<(events: [CampaignSchedulerService.Event], returned: Bool)>(([], false))

    var events: [CampaignSchedulerService.Event] { state.withLock { $0.events } }
    var hasReturned: Bool { state.withLock { $0.returned } }
    var looks: Int { events.filter { $0 == .looked }.count }

    func starts(of id: Int64) -> Int { events.filter { $0 == .started(campaignId: id) }.count }
    func markReturned() { state.withLock { $0.returned = true } }
    @Sendable func record(_ event: CampaignSchedulerService.Event) { state.withLock { $0.events.append(event) } }
}
