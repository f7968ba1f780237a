import ArgumentParser
import CampaignCore
import CampaignStore
import Dialer
import Foundation

/// `outbound bench engine`: end-to-end dialling throughput (lease → call → record → next step) on SQLite with
/// instant simulated calls, batch-selection time at 10k and 1M contacts, and a realistic multi-day run.
struct EngineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine", abstract: "Time the dialling engine (build with -c release).")
    @Option(parsing: .unconditional, help: "Contacts in the large campaign.") var contacts = 1_000_000
    @Option(parsing: .unconditional, help: "Contacts in the small campaign (selection reference).") var small = 10_000
    @Option(parsing: .unconditional, help: "Attempts to time end to end.") var attempts = 200_000
    @Option(parsing: .unconditional, help: "Calls live at once in the throughput run.") var concurrency = 1000
    @Option(parsing: .unconditional, help: "Simulated days of the realistic run (0 skips it).") var days = 5

    func run() async throws {
        try await failingCleanly {
            for (option, value) in [
                ("--contacts", contacts), ("--small", small), ("--attempts", attempts), ("--concurrency", concurrency),
            ] where value < 1 {
                throw CommandFailure("\(option) must be positive, got \(value)")
            }
            guard days >= 0 else { throw CommandFailure("--days must be 0 or more, got \(days)") }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-engine-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let start = ISOTime.parse("2026-03-09T13:00:00Z")!
            try await App.withStore(folder.appendingPathComponent("engine.sqlite").path, creating: true) { store in
                let fast = try await instantCampaign(store, contacts: contacts, start: start)
                let reference = try await instantCampaign(store, contacts: small, start: start)
                let smallMs = try await selectionMilliseconds(store, campaignId: reference, now: start)
                let largeMs = try await selectionMilliseconds(store, campaignId: fast, now: start)
                try report("select_batch_ms_\(small)", smallMs)
                try report("select_batch_ms_\(contacts)", largeMs)
                try report("select_ratio", largeMs / max(smallMs, 0.0001))
                try await throughput(store, campaignId: fast, start: start)
            }
            if days > 0 {
                try await App.withStore(folder.appendingPathComponent("realistic.sqlite").path, creating: true) {
                    try await realistic($0, start: start)
                }
            }
        }
    }

    private func report(_ key: String, _ value: Double) throws {
        try Console.line("\(key)=\(String(format: "%.3f", value))")
    }

    private func instantCampaign(_ store: SQLCampaignStore, contacts: Int, start: Date) async throws -> Int64 {
        var settings = CampaignSettings(
            name: "bench \(contacts)", agent: AgentProfile(name: "Bench"), numberPool: ["+14155550100"])
        settings.window = CallingWindow(
            start: LocalTime(minutes: 0)!, end: LocalTime(minutes: 1440)!,
            timezone: .named(TimeZone(identifier: "UTC")!), days: Set(Weekday.allCases))
        settings.concurrency = concurrency
        settings.retry.delayMinutes = 0
        settings.simulator.ringSeconds = 1...1
        settings.simulator.talkSeconds = 0...0
        return try await load(store, settings: settings, contacts: contacts, zones: ["UTC"], start: start)
    }

    private func load(
        _ store: SQLCampaignStore, settings: CampaignSettings, contacts: Int, zones: [String],
        start: Date
    ) async throws -> Int64 {
        let clock = ContinuousClock.now
        try settings.validate(numbers: try App.numberValidator())
        let orgId = try await store.organization(named: "bench", now: start)
        let agentId = try await store.createAgent(orgId: orgId, profile: settings.agent, now: start)
        let id = try await store.createCampaign(orgId: orgId, agentId: agentId, settings: settings, now: start)
        try await BenchCampaign.addLeads(store, campaignId: id, contacts: contacts, zones: zones, now: start)
        try report("load_seconds_\(contacts)", seconds(since: clock))
        return id
    }

    /// Median time of leasing one batch of `concurrency` attempts, over five batches.
    private func selectionMilliseconds(
        _ store: SQLCampaignStore, campaignId: Int64, now: Date
    ) async throws
        -> Double
    {
        let campaign = try await store.apply(.start, campaignId: campaignId, now: now)
        var samples: [Double] = []
        for round in 0..<5 {
            let clock = ContinuousClock.now
            let batch = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "bench-select-\(round)", now: now, limit: 200,
                    openZoneKeys: nil, leaseDuration: 60))
            samples.append(seconds(since: clock) * 1000)
            _ = try await store.recordEnded(
                batch.attempts.map {
                    EndedCall(
                        callId: $0.callId,
                        result: CallResult(
                            startedAt: now, answeredAt: now, endedAt: now, outcome: .answered, answeredBy: .human,
                            turns: 4, disposition: "COMPLETED"))
                }, owner: "bench-select-\(round)", now: now)
        }
        return samples.sorted()[samples.count / 2]
    }

    private func throughput(_ store: SQLCampaignStore, campaignId: Int64, start: Date) async throws {
        guard let campaign = try await store.campaign(id: campaignId) else { return }
        let clock = VirtualClock(start: start)
        let runner = CampaignRunner(
            store: store, campaignId: campaignId,
            provider: SimulatorProvider(model: campaign.settings.simulator, seed: 1, earlyHangUpRate: 0), clock: clock,
            workerId: "bench", compliance: try App.complianceRules(nil))
        let before = try await store.calls(campaignId: campaignId).count
        let rounds = Double(max(1, attempts / concurrency))
        let wall = ContinuousClock.now
        _ = try await runner.run(until: start.addingTimeInterval(rounds * 2))
        let elapsed = seconds(since: wall)
        let placed = try await store.callSummary(campaignId: campaignId).calls - before
        try report("attempts", Double(placed))
        try report("attempts_wall_seconds", elapsed)
        try report("attempts_per_second", Double(placed) / elapsed)
    }

    private func realistic(_ store: SQLCampaignStore, start: Date) async throws {
        var settings = CampaignSettings(
            name: "realistic", agent: AgentProfile(name: "Bench", callbacks: true),
            numberPool: ["+14155550100", "+14155550101"])
        settings.concurrency = 50
        settings.callbackDetection = true
        let zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]
        let id = try await load(store, settings: settings, contacts: contacts, zones: zones, start: start)
        _ = try await store.apply(.start, campaignId: id, now: start)
        let runner = CampaignRunner(
            store: store, campaignId: id, provider: SimulatorProvider(model: settings.simulator, seed: 1),
            clock: VirtualClock(start: start), workerId: "bench", compliance: try App.complianceRules(nil))
        let wall = ContinuousClock.now
        _ = try await runner.run(until: start.addingTimeInterval(Double(days) * 86_400))
        try report("realistic_days", Double(days))
        try report("realistic_calls", Double(try await store.callSummary(campaignId: id).calls))
        try report("realistic_wall_seconds", seconds(since: wall))
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
