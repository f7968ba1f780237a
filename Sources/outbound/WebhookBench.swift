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
/// delivered to a receiver that answers at once (the real sender: outbox fan-out, signing, async-http-client over
/// loopback, the delivery log), and the events delivered per second. The receiver, harness that would be on another
/// machine, runs in a child process at `SCHED_IDLE` (only on CPU nothing else wants), at a nice value with
/// `--receiver-niceness`, or in this process with `--in-process-receiver` (the old harness).
struct WebhookBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Time webhook delivery beside the engine (build with -c release).")
    @Option(parsing: .unconditional, help: "Contacts in each campaign.") var contacts = 40_000
    @Option(parsing: .unconditional, help: "Attempts to time in each engine run.") var attempts = 30_000
    @Option(parsing: .unconditional, help: "Calls live at once.") var concurrency = 1000
    @Flag(help: "Deliver on the shared threads at normal priority (the default runs the sender below the engine).")
    var normalPriority = false
    @Flag(help: "Run the receiver in this process (the old harness) rather than in a child process.")
    var inProcessReceiver = false
    @Option(
        parsing: .unconditional,
        help: "Run the receiver's child process at this nice value (default: at SCHED_IDLE, below everything).")
    var receiverNiceness: Int32?
    @Flag(help: "The control: time the second campaign with no subscription (its outbox rows written, nothing sent).")
    var withoutSubscription = false
    @Option(parsing: .unconditional, help: "Deliveries the sender tries per round (the server's default: 256).")
    var batchSize = WebhookSenderSettings().batchSize
    @Option(parsing: .unconditional, help: "Events the sender queues per round (the server's default: 2000).")
    var fanOutLimit = WebhookSenderSettings().fanOutLimit

    func run() async throws {
        try await failingCleanly {
            for (option, value) in [
                ("--contacts", contacts), ("--attempts", attempts), ("--concurrency", concurrency),
                ("--batch-size", batchSize), ("--fan-out-limit", fanOutLimit),
            ]
            where value < 1 {
                throw CommandFailure("\(option) must be positive, got \(value)")
            }
            if let niceness = receiverNiceness, !(0...19).contains(niceness) {
                throw CommandFailure("--receiver-niceness must be 0 to 19, got \(niceness)")
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
                if withoutSubscription {
                    let secondRate = try await engine(store, campaignId: withHooks.campaignId, start: start)
                    try report("engine_attempts_per_second_second_campaign_no_subscription", secondRate)
                    try report("engine_ratio_no_subscription", secondRate / max(aloneRate, 0.001))
                    return
                }
                let earlier = try await store.changes(
                    orgId: withHooks.orgId, campaignId: withHooks.campaignId, after: 0, limit: 10_000_000
                ).count
                let receiver =
                    inProcessReceiver
                    ? try await BenchReceiver.startInProcess()
                    : try BenchReceiver.startChild(niceness: receiverNiceness)
                let subscription = try await store.createWebhook(
                    orgId: withHooks.orgId,
                    draft: WebhookDraft(url: "http://127.0.0.1:\(receiver.port)/hook", events: ChangeEventData.types),
                    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now: start)
                var settings = WebhookSenderSettings()
                settings.allowPrivate = true
                settings.lowPriority = !normalPriority
                settings.batchSize = batchSize
                settings.fanOutLimit = fanOutLimit
                let transport = HTTPClientWebhookTransport(lowPriority: !normalPriority)
                let sender = WebhookSender(store: store, transport: transport, clock: SystemClock(), settings: settings)
                let wall = ContinuousClock.now
                let rounds = BenchReceiver.Counter()
                let delivering = Task {
                    while !Task.isCancelled {
                        let round = try await sender.round(subscription)
                        rounds.value.add(1, ordering: .relaxed)
                        if round.attempted == 0 && round.queued == 0 { try await Task.sleep(for: .milliseconds(20)) }
                    }
                }
                let engineStart = ContinuousClock.now
                let hooksRate = try await engine(store, campaignId: withHooks.campaignId, start: start)
                let engineSeconds = BenchCommand.ImportBench.seconds(since: engineStart)
                let deliveredDuringEngine = receiver.count
                try report("engine_attempts_per_second_with_webhooks", hooksRate)
                try report("engine_ratio", hooksRate / max(aloneRate, 0.001))
                try report(
                    "sender_rounds_per_second_beside_engine",
                    Double(rounds.value.load(ordering: .relaxed)) / engineSeconds)
                try report("events_delivered_per_second_beside_engine", Double(deliveredDuringEngine) / engineSeconds)
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
