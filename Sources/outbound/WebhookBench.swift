import ArgumentParser
import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Hummingbird
import Logging
import OutboundApp
import Synchronization

/// `outbound bench webhooks`: the engine's attempts per second alone, then with every event of its campaign
/// delivered to a receiver in this process that answers at once (the real sender: outbox fan-out, signing,
/// async-http-client over loopback, the delivery log), and the events delivered per second.
struct WebhookBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Time webhook delivery beside the engine (build with -c release).")
    @Option(parsing: .unconditional, help: "Contacts in each campaign.") var contacts = 40_000
    @Option(parsing: .unconditional, help: "Attempts to time in each engine run.") var attempts = 30_000
    @Option(parsing: .unconditional, help: "Calls live at once.") var concurrency = 1000
    @Flag(help: "Deliver on the shared threads at normal priority (the default runs the sender below the engine).")
    var normalPriority = false

    func run() async throws {
        try await failingCleanly {
            for (option, value) in [("--contacts", contacts), ("--attempts", attempts), ("--concurrency", concurrency)]
            where value < 1 {
                throw CommandFailure("\(option) must be positive, got \(value)")
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-hooks-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let start = ISOTime.parse("2026-03-09T13:00:00Z")!
            try await App.withStore(folder.appendingPathComponent("hooks.sqlite").path, creating: true) { store in
                let alone = try await BenchCampaign.running(store, name: "alone", contacts: contacts, start: start) {
                    self.instant(&$0)
                }
                let withHooks = try await BenchCampaign.running(
                    store, name: "hooks", contacts: contacts, start: start
                ) { self.instant(&$0) }
                let aloneRate = try await engine(store, campaignId: alone.campaignId, start: start)
                try report("engine_attempts_per_second_alone", aloneRate)
                let earlier = try await store.changes(
                    orgId: withHooks.orgId, campaignId: withHooks.campaignId, after: 0, limit: 10_000_000
                ).count
                let receiver = try await BenchReceiver.start()
                let subscription = try await store.createWebhook(
                    orgId: withHooks.orgId,
                    draft: WebhookDraft(url: "http://127.0.0.1:\(receiver.port)/hook", events: ChangeEventData.types),
                    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now: start)
                var settings = WebhookSenderSettings()
                settings.allowPrivate = true
                settings.lowPriority = !normalPriority
                let transport = HTTPClientWebhookTransport(lowPriority: !normalPriority)
                let sender = WebhookSender(store: store, transport: transport, clock: SystemClock(), settings: settings)
                let wall = ContinuousClock.now
                let delivering = Task {
                    while !Task.isCancelled {
                        let round = try await sender.round(subscription)
                        if round.attempted == 0 && round.queued == 0 { try await Task.sleep(for: .milliseconds(20)) }
                    }
                }
                let hooksRate = try await engine(store, campaignId: withHooks.campaignId, start: start)
                try report("engine_attempts_per_second_with_webhooks", hooksRate)
                try report("engine_ratio", hooksRate / max(aloneRate, 0.001))
                let events =
                    try await store.changes(
                        orgId: withHooks.orgId, campaignId: withHooks.campaignId, after: 0, limit: 10_000_000
                    ).count - earlier
                while receiver.count < events, BenchCommand.ImportBench.seconds(since: wall) < 600 {
                    try await Task.sleep(for: .milliseconds(20))
                }
                let seconds = BenchCommand.ImportBench.seconds(since: wall)
                delivering.cancel()
                _ = await delivering.result
                await transport.shutdown()
                try report("events", Double(events))
                try report("events_received", Double(receiver.count))
                try report("events_delivered_per_second", Double(receiver.count) / seconds)
                await receiver.stop()
            }
        }
    }

    private func instant(_ settings: inout CampaignSettings) {
        settings.concurrency = concurrency
        settings.retry.delayMinutes = 0
        settings.simulator.ringSeconds = 1...1
        settings.simulator.talkSeconds = 0...0
    }

    /// Attempts per wall second of the engine dialling about `attempts` calls of the campaign.
    private func engine(_ store: SQLCampaignStore, campaignId: Int64, start: Date) async throws -> Double {
        guard let campaign = try await store.campaign(id: campaignId) else { return 0 }
        let runner = CampaignRunner(
            store: store, campaignId: campaignId,
            provider: SimulatorProvider(model: campaign.settings.simulator, seed: 1, earlyHangUpRate: 0),
            clock: VirtualClock(start: start), workerId: "bench-\(campaignId)",
            compliance: try App.complianceRules(nil))
        let wall = ContinuousClock.now
        _ = try await runner.run(until: start.addingTimeInterval(Double(max(1, attempts / concurrency)) * 2))
        let elapsed = BenchCommand.ImportBench.seconds(since: wall)
        return Double(try await store.callSummary(campaignId: campaignId).calls) / elapsed
    }

    private func report(_ key: String, _ value: Double) throws {
        try Console.line("\(key)=\(String(format: "%.3f", value))")
    }
}

/// A webhook endpoint in this process that answers 204 at once and counts what it got.
struct BenchReceiver {
    let port: Int
    let task: Task<Void, any Error>
    let received: Counter

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    var count: Int { received.value.load(ordering: .relaxed) }

    static func start() async throws -> BenchReceiver {
        let counter = Counter()
        let router = Router()
        router.post("/hook") { _, _ -> HTTPResponse.Status in
            counter.value.add(1, ordering: .relaxed)
            return .noContent
        }
        let (ports, listening) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "outbound.bench.receiver")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in listening.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CommandFailure("the bench's receiver did not start") }
        return BenchReceiver(port: port, task: task, received: counter)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
