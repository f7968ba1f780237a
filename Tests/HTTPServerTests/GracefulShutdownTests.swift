import CampaignStore
import Foundation
import HTTPServer
import Hummingbird
import Logging
import OutboundApp
import ServiceLifecycle
import Testing

@Suite("outbound serve's service group")
struct GracefulShutdownTests {
    @Test("the API and the dialler stop together on a graceful shutdown, without an error")
    func gracefulShutdown() async throws {
        try await APIHarness.run { harness, _ in
            let clock = ScaledClock(ServerClockSetting(start: APIHarness.tuesday, wallStart: Date(), speed: 60))
            let rules = harness.services.compliance
            let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, workerId: "test-worker")
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let app = ServerApp.application(
                services: harness.services, configuration: configuration,
                background: ServerApp.dialler(
                    store: harness.store, clock: clock, compliance: rules, configuration: configuration,
                    logger: logger),
                logger: logger)
            let group = ServiceGroup(services: [app], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await Task.sleep(for: .milliseconds(1500))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let calls = try await harness.store.calls(campaignId: harness.campaignA)
            #expect(calls.allSatisfy { $0.result != nil })
        }
    }
}
