import ArgumentParser
import CampaignCore
import CampaignStore
import Dialer
import Foundation
import OutboundApp

/// `outbound bench stats`: the stats read of a campaign of 1M leads and millions of calls against one of 10k leads
/// (it must not grow with size), and the engine's attempts/s with the rollup writes on and off, and with the lead
/// counters' trigger off too.
struct StatsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Time GET …/stats and the rollup writes (build with -c release).")
    @Option(parsing: .unconditional, help: "Contacts in the large campaign.") var contacts = 1_000_000
    @Option(parsing: .unconditional, help: "Contacts in the small campaign (reference).") var small = 10_000
    @Option(parsing: .unconditional, help: "Calls recorded on the large campaign.") var calls = 3_000_000
    @Option(parsing: .unconditional, help: "Attempts per engine run (rollups on, then off).") var attempts = 100_000
    @Option(parsing: .unconditional, help: "Calls per lease batch.") var batch = 1000

    func run() async throws {
        try await failingCleanly {
            for (option, value) in [
                ("--contacts", contacts), ("--small", small), ("--calls", calls), ("--attempts", attempts),
                ("--batch", batch),
            ] where value < 1 {
                throw CommandFailure("\(option) must be positive, got \(value)")
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-stats-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let start = ISOTime.parse("2026-03-09T13:00:00Z")!
            try await App.withStore(folder.appendingPathComponent("stats.sqlite").path, creating: true) { store in
                let (orgId, large) = try await campaign(store, contacts: contacts, start: start)
                let (_, reference) = try await campaign(store, contacts: small, start: start)
                try await dial(store, campaignId: large, calls: calls, start: start)
                try await dial(store, campaignId: reference, calls: small, start: start)
                let stats = CampaignStats(store: store)
                let smallMs = try await statsMilliseconds(stats, orgId: orgId, campaignId: reference, now: start)
                let largeMs = try await statsMilliseconds(stats, orgId: orgId, campaignId: large, now: start)
                let counts = try await store.leadCounts(campaignId: large)
                try report("stats_ms_\(small)", smallMs)
                try report("stats_ms_\(contacts)", largeMs)
                try report("stats_ratio", largeMs / max(smallMs, 0.0001))
                try report("lead_counts_ms_\(contacts)", try await leadCountsMilliseconds(store, campaignId: large))
                try report(
                    "calls_\(contacts)",
                    Double(try await store.statsRollup(orgId: orgId, campaignId: large).totals.calls))
                try report("leads_\(contacts)", Double(counts.total))
            }
            // The reference runs: without the rollup writes, then also without the lead counters' trigger.
            let variants = [
                (rollups: true, counters: true, label: "with_rollups"),
                (rollups: false, counters: true, label: "without_rollups"),
                (rollups: false, counters: false, label: "without_rollups_or_counters"),
            ]
            for variant in variants {
                let path = folder.appendingPathComponent("engine-\(variant.label).sqlite").path
                try await App.withStore(path, creating: true) { store in
                    store.setRollupWrites(variant.rollups)
                    if !variant.counters { try await store.dropLeadCounterTriggerForBenchmark() }
                    let (_, id) = try await campaign(store, contacts: attempts, start: start)
                    try await engine(store, campaignId: id, start: start, label: variant.label)
                }
            }
        }
    }

    private func report(_ key: String, _ value: Double) throws {
        try Console.line("\(key)=\(String(format: "%.3f", value))")
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// A running campaign of `contacts` leads in four zones, retrying every outcome at once, up to 100 attempts.
    private func campaign(_ store: SQLCampaignStore, contacts: Int, start: Date) async throws -> (Int64, Int64) {
        var settings = CampaignSettings(
            name: "stats \(contacts)", agent: AgentProfile(name: "Bench"), numberPool: ["+14155550100"])
        settings.window = CallingWindow(
            start: LocalTime(minutes: 0)!, end: LocalTime(minutes: 1440)!, timezone: .recipient,
            days: Set(Weekday.allCases))
        settings.concurrency = batch
        settings.retry.delayMinutes = 0
        settings.retry.maxAttempts = 100
        settings.retry.on = ["no_answer", "busy", "not_interested", "voicemail"]
        settings.simulator.ringSeconds = 1...1
        settings.simulator.talkSeconds = 0...0
        let orgId = try await store.organization(named: "bench", now: start)
        let carrier = try await store.upsertCarrier(
            orgId: orgId, name: "trunk", kind: .simulator, callsPerSecond: nil, numbers: settings.numberPool, now: start
        )
        try await store.setCarrierRate(
            orgId: orgId, carrierId: carrier, ratePerMinute: "0.012", billingIncrementSeconds: 6)
        let agentId = try await store.createAgent(orgId: orgId, profile: settings.agent, now: start)
        let id = try await store.createCampaign(orgId: orgId, agentId: agentId, settings: settings, now: start)
        try await BenchCampaign.addLeads(
            store, campaignId: id, contacts: contacts,
            zones: ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"], now: start)
        _ = try await store.apply(.start, campaignId: id, now: start)
        return (orgId, id)
    }

    /// Records `calls` ended calls through the store's lease and record paths (no provider), a spread of outcomes.
    private func dial(_ store: SQLCampaignStore, campaignId: Int64, calls: Int, start: Date) async throws {
        let clock = ContinuousClock.now
        var random = SeededRandom(seed: 7)
        var recorded = 0
        var now = start
        guard let campaign = try await store.campaign(id: campaignId) else { return }
        while recorded < calls {
            let leased = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "bench", now: now, limit: min(batch, calls - recorded),
                    openZoneKeys: nil, leaseDuration: 600)
            ).attempts
            if leased.isEmpty {
                now = now.addingTimeInterval(60)
                guard try await store.promoteDueLeads(campaignId: campaignId, now: now) > 0 else { break }
                continue
            }
            let ended = leased.map { attempt in
                EndedCall(callId: attempt.callId, result: Self.result(at: now, random: &random))
            }
            _ = try await store.recordEnded(ended, owner: "bench", now: now)
            recorded += leased.count
            now = now.addingTimeInterval(30)
        }
        try report("dial_seconds_\(calls)", seconds(since: clock))
    }

    private static func result(at start: Date, random: inout SeededRandom) -> CallResult {
        let pick = random.integer(in: 0...9)
        if pick < 6 {
            return CallResult(
                startedAt: start, answeredAt: nil, endedAt: start.addingTimeInterval(25), outcome: .noAnswer)
        }
        if pick == 6 {
            return CallResult(startedAt: start, answeredAt: nil, endedAt: start.addingTimeInterval(4), outcome: .busy)
        }
        let talk = Double(random.integer(in: 5...300))
        return CallResult(
            startedAt: start, answeredAt: start.addingTimeInterval(10), endedAt: start.addingTimeInterval(10 + talk),
            outcome: .answered, answeredBy: pick == 7 ? .machine : .human, turns: 4,
            disposition: pick == 9 ? "INTERESTED" : "NOT_INTERESTED")
    }

    /// Median of nine stats reads.
    private func statsMilliseconds(
        _ stats: CampaignStats, orgId: Int64, campaignId: Int64, now: Date
    ) async throws -> Double {
        var samples: [Double] = []
        for _ in 0..<9 {
            let clock = ContinuousClock.now
            _ = try await stats.report(orgId: orgId, campaignId: campaignId, now: now)
            samples.append(seconds(since: clock) * 1000)
        }
        return samples.sorted()[samples.count / 2]
    }

    /// Median of nine lead-count reads (the existing index-only counts the stats include).
    private func leadCountsMilliseconds(_ store: SQLCampaignStore, campaignId: Int64) async throws -> Double {
        var samples: [Double] = []
        for _ in 0..<9 {
            let clock = ContinuousClock.now
            _ = try await store.leadCounts(campaignId: campaignId)
            samples.append(seconds(since: clock) * 1000)
        }
        return samples.sorted()[samples.count / 2]
    }

    /// The engine (simulator, virtual clock) placing about `attempts` calls.
    private func engine(_ store: SQLCampaignStore, campaignId: Int64, start: Date, label: String) async throws {
        guard let campaign = try await store.campaign(id: campaignId) else { return }
        let clock = VirtualClock(start: start)
        let runner = CampaignRunner(
            store: store, campaignId: campaignId,
            provider: SimulatorProvider(model: campaign.settings.simulator, seed: 1, earlyHangUpRate: 0), clock: clock,
            workerId: "bench", compliance: try App.complianceRules(nil))
        let rounds = Double(max(1, attempts / batch))
        let wall = ContinuousClock.now
        let cpu = BenchCommand.ImportBench.cpuSeconds(children: false)
        _ = try await runner.run(until: start.addingTimeInterval(rounds * 2))
        let elapsed = seconds(since: wall)
        let cpuUsed = BenchCommand.ImportBench.cpuSeconds(children: false) - cpu
        let placed = try await store.callSummary(campaignId: campaignId).calls
        try report("attempts_\(label)", Double(placed))
        try report("attempts_per_second_\(label)", Double(placed) / elapsed)
        // CPU time per attempt moves less than wall time when other processes share the machine.
        try report("cpu_us_per_attempt_\(label)", cpuUsed / Double(max(placed, 1)) * 1e6)
    }
}
