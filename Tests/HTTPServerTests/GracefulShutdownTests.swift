import CampaignStore
import ContactImport
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
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let process = ProcessConfiguration(
                databasePath: "unused: the store is open", clock: .accelerated(start: APIHarness.tuesday, speed: 60),
                compliance: harness.services.compliance, provider: .simulator(seed: 5), workerId: "test-worker",
                logger: logger)
            let app = ServerApp.build(
                store: harness.store, process: process, server: ServerConfiguration(host: "127.0.0.1", port: 0),
                numbers: try PhoneNumberValidator(metadata: try PhoneMetadata.loadBundled()))
            let group = ServiceGroup(services: [app], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await Task.sleep(for: .milliseconds(1500))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            // A call live at the shutdown is handed back, not lost: it stays leased, so the reaper or a later runner
            // reconciles it (how many are live then depends on how far the runner got, so only that is asserted).
            let unfinished = try await harness.store.calls(campaignId: harness.campaignA).filter { $0.result == nil }
            let handedBack = try await harness.store.expiredLeases(now: .distantFuture, campaignId: harness.campaignA)
            #expect(Set(unfinished.map(\.id)).isSubset(of: Set(handedBack.map(\.callId))))
        }
    }
}
