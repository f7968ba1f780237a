import CampaignCore
import CampaignStore
import ContactImport
import Dialer
import Foundation
import Logging
import OutboundApp
import ServiceLifecycle
import Testing

@Suite("The services of a long-running process, built from one configuration")
struct ProcessServicesTests {
    static var quiet: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    /// A database with one started campaign of `leads` contacts; its path and the campaign's id.
    static func startedCampaign(in folder: URL, leads: Int) async throws -> (path: String, id: Int64) {
        let path = folder.appendingPathComponent("process.sqlite").path
        let store = try await SQLCampaignStore.openSQLite(path: path)
        let id = try await AppStore.campaign(in: store, leads: leads)
        _ = try await store.apply(.start, campaignId: id, now: AppStore.friday)
        try await store.close()
        return (path, id)
    }

    static func configuration(_ path: String, clock: ProcessConfiguration.Clock) throws -> ProcessConfiguration {
        var configuration = ProcessConfiguration(
            databasePath: path, clock: clock, compliance: try ComplianceRulesFile.loadBundled(),
            provider: .simulator(seed: 3), workerId: "node-a", logger: quiet)
        configuration.schedulerInterval = .milliseconds(20)
        return configuration
    }

    @Test("a service group built from it runs a started campaign to completion on a virtual clock, then shuts down")
    func runsACampaignToCompletion() async throws {
        try await AppStore.withFolder { folder in
            let (path, id) = try await Self.startedCampaign(in: folder, leads: 8)
            let (events, sink) = AsyncStream.makeStream(of: CampaignSchedulerService.Event.self)
            let built = try await ProcessServices.build(
                try Self.configuration(path, clock: .virtual(start: AppStore.friday))
            ) { sink.yield($0) }
            #expect(built.services.count == 1, "no reaper on a jumping clock")
            let group = built.serviceGroup(onSignals: false, logger: Self.quiet)
            let running = Task { try await group.run() }
            var stop: RunnerStop?
            for await event in events {
                if case .returned(id, let reason) = event, reason != .idle {
                    stop = reason
                    break
                }
                if case .ended(id) = event { break }
            }
            await group.triggerGracefulShutdown()
            try await running.value
            #expect(stop == .completed)
            let campaign = try await built.store.campaign(id: id)
            #expect(campaign?.status == .completed)
            let counts = try await built.store.leadCounts(campaignId: id)
            #expect(counts.pending == 0 && counts.completed + counts.failed == 8)
            try await built.store.close()
        }
    }

    @Test("on graceful shutdown the group stops while the campaign still runs, its calls left for a later process")
    func stopsOnGracefulShutdown() async throws {
        try await AppStore.withFolder { folder in
            let (path, id) = try await Self.startedCampaign(in: folder, leads: 20)
            let (events, sink) = AsyncStream.makeStream(of: CampaignSchedulerService.Event.self)
            let built = try await ProcessServices.build(
                try Self.configuration(path, clock: .accelerated(start: AppStore.friday, speed: 1))
            ) { sink.yield($0) }
            #expect(built.services.count == 2, "the scheduler and the reaper")
            let group = built.serviceGroup(onSignals: false, logger: Self.quiet)
            let running = Task { try await group.run() }
            for await event in events {
                if case .started(id) = event { break }
            }
            await group.triggerGracefulShutdown()
            try await running.value
            #expect(try await built.store.campaign(id: id)?.status == .running)
            try await built.store.close()
        }
    }

    @Test("a database that does not exist is refused, not created")
    func missingDatabase() async throws {
        try await AppStore.withFolder { folder in
            let path = folder.appendingPathComponent("none.sqlite").path
            await #expect(throws: (any Error).self) {
                _ = try await ProcessServices.build(try Self.configuration(path, clock: .system))
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("an accelerated clock runs faster than wall time and wakes at the virtual instant")
    func acceleratedClock() async throws {
        let clock = AcceleratedClock(start: AppStore.friday, speed: 1_000_000)
        let target = AppStore.friday.addingTimeInterval(3_600)
        try await clock.sleep(until: target)
        #expect(clock.now() >= target)
        #expect(!clock.isVirtual, "it never jumps, so the engine waits on it like on the system clock")
    }
}
