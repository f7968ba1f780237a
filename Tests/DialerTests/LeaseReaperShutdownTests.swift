import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@Suite("The lease reaper in a service group")
struct LeaseReaperShutdownTests {
    @Test func aGracefulShutdownDuringItsWaitIsACleanStop() async throws {
        try await Harness.withStore { store, _ in
            let clock = WaitingClock(start: Harness.friday)
            let reaper = LeaseReaperService(
                store: store, provider: SimulatorProvider(model: SimulatorSettings(), seed: 1), clock: clock,
                workerId: "reaper", interval: 5)
            var logger = Logger(label: "test.reaper")
            logger.logLevel = .critical
            let group = ServiceGroup(configuration: .init(services: [.init(service: reaper)], logger: logger))
            let outcome = Mutex<Result<Void, any Error>?>(nil)
            let running = Task {
                do {
                    try await group.run()
                    outcome.withLock { $0 = .success(()) }
                } catch {
                    outcome.withLock { $0 = .failure(error) }
                }
            }
            #expect(await eventually { clock.waiting }, "the reaper waits for its next pass")
            await group.triggerGracefulShutdown()
            #expect(await eventually(timeout: .seconds(60)) { outcome.withLock { $0 != nil } }, "the group returns")
            let result = outcome.withLock { $0 }
            if case .failure(let error) = result { Issue.record("the group failed: \(error)") }
            running.cancel()
        }
    }
}

/// A clock whose sleep waits until the task is cancelled (time never passes on its own), and says when it waits.
private final class WaitingClock: DialerClock {
    private let start: Date
    private let sleeping = Mutex(false)

    init(start: Date) { self.start = start }

    var waiting: Bool { sleeping.withLock { $0 } }

    func now() -> Date { start }

    func sleep(until instant: Date) async throws {
        sleeping.withLock { $0 = true }
        defer { sleeping.withLock { $0 = false } }
        while true {
            try Task.checkCancellation()
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    var isVirtual: Bool { false }
}
