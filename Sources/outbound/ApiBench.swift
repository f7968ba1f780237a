import ArgumentParser
import CampaignCore
import CampaignStore
import Dialer
import Foundation
import HTTPServer
import OutboundApp

/// `outbound bench api`: the API's read latency on a campaign of 1M leads while the engine dials that campaign at full
/// speed on the simulator in the same process. `wrk` loads `GET …/stats`, a page of leads at a deep cursor and
/// `GET /v1/campaigns` in turn over loopback; the engine's attempts/s are measured alone and under each load, and the
/// process's CPU (seconds per wall second) with 50 Server-Sent Events viewers while the engine runs and once it has
/// stopped.
struct ApiBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Load the API with wrk while the engine dials a 1M-lead campaign (build with -c release).")
    @Option(parsing: .unconditional, help: "Leads of the campaign.") var leads = 1_000_000
    @Option(parsing: .unconditional, help: "Seconds of each measured phase.") var seconds = 10
    @Option(parsing: .unconditional, help: "wrk's open connections.") var connections = 4
    @Option(parsing: .unconditional, help: "Server-Sent Events viewers held open.") var viewers = 50
    @Flag(help: "Run the engine on the cooperative pool beside the server (the reference) instead of its own thread.")
    var engineOnPool = false
    @Option(help: "The engine thread's nice value (default: the server's, \(ThreadExecutor.engineNiceness)).")
    var engineNiceness: Int32 = ThreadExecutor.engineNiceness

    static let start = ISOTime.parse("2026-03-09T13:00:00Z")!

    func run() async throws {
        try await failingCleanly {
            guard leads >= 1000, seconds > 0, connections > 0, viewers >= 0 else {
                throw CommandFailure(
                    "--leads must be at least 1000, --seconds and --connections positive, --viewers not negative")
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-api-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try await App.withStore(folder.appendingPathComponent("api.sqlite").path, creating: true) { store in
                note("loading \(leads) leads")
                let setup = try await Self.setUp(store, leads: leads)
                let metrics = ServerMetrics()
                let server = try await BenchServer.start(store: store, metrics: metrics)
                do {
                    try await measure(store: store, setup: setup, server: server, metrics: metrics)
                } catch {
                    await server.stop()
                    throw error
                }
                await server.stop()
            }
        }
    }

    private func measure(
        store: SQLCampaignStore, setup: Setup, server: BenchServer, metrics: ServerMetrics
    )
        async throws
    {
        let executor: (any TaskExecutor)? =
            engineOnPool
            ? nil
            : engineNiceness == ThreadExecutor.engineNiceness
                ? ThreadExecutor.engine : ThreadExecutor(name: "outbound-engine", niceness: engineNiceness)
        let engine = Task(executorPreference: executor) {
            try await Self.dial(store, campaignId: setup.campaignId, metrics: metrics)
        }
        defer { engine.cancel() }
        try await Task.sleep(for: .seconds(2))
        var fields: [(String, String)] = [
            ("build", BenchCommand.ImportBench.buildMode), ("leads", "\(leads)"), ("seconds", "\(seconds)"),
            ("connections", "\(connections)"),
            ("engine_executor", engineOnPool ? "cooperative_pool" : "own_thread"),
            ("engine_niceness", engineOnPool ? "-" : "\(engineNiceness)"),
            ("cores", "\(ProcessInfo.processInfo.activeProcessorCount)"),
        ]
        note("the engine alone for \(seconds) s")
        let alone = try await window(metrics) { try await Task.sleep(for: .seconds(seconds)) }
        fields += [
            ("engine_attempts_per_second_alone", format(alone.attemptsPerSecond)),
            ("cpu_per_wall_engine_alone", format(alone.cpu, digits: 2)),
        ]
        let cursor = Self.leadCursor(seq: Int64(leads) * 9 / 10)
        let targets: [(String, String)] = [
            ("stats", "/v1/campaigns/\(setup.campaignId)/stats"),
            ("leads_deep", "/v1/campaigns/\(setup.campaignId)/leads?limit=50&cursor=\(cursor)"),
            ("campaigns", "/v1/campaigns"),
        ]
        var worst = 1.0
        for (name, path) in targets {
            note("wrk on \(path) for \(seconds) s while the engine dials")
            var load: WrkResult?
            let during = try await window(metrics) {
                load = try await WrkResult.run(
                    url: server.url + path, key: setup.key, connections: connections, seconds: seconds)
            }
            guard let load else { continue }
            let ratio = during.attemptsPerSecond / max(alone.attemptsPerSecond, 1)
            worst = min(worst, ratio)
            fields += [
                ("\(name)_requests_per_second", format(load.requestsPerSecond)),
                ("\(name)_p50_ms", format(load.p50Milliseconds, digits: 2)),
                ("\(name)_p99_ms", format(load.p99Milliseconds, digits: 2)),
                ("\(name)_requests", "\(load.requests)"), ("\(name)_not_2xx", "\(load.failures)"),
                ("\(name)_engine_attempts_per_second", format(during.attemptsPerSecond)),
                ("\(name)_engine_ratio", format(ratio, digits: 2)),
                ("\(name)_cpu_per_wall", format(during.cpu, digits: 2)),
            ]
        }
        fields.append(("engine_ratio_worst", format(worst, digits: 2)))
        note("\(viewers) live-feed viewers while the engine dials")
        let events = "/v1/campaigns/\(setup.campaignId)/events"
        let watching = try await SSEConnections.open(count: viewers, port: server.port, path: events, key: setup.key)
        let busy = try await window(metrics) { try await Task.sleep(for: .seconds(seconds)) }
        let openBusy = watching.open
        await watching.close()
        engine.cancel()
        _ = await engine.result
        note("\(viewers) new live-feed viewers with the engine stopped")
        try await Task.sleep(for: .seconds(1))
        let quiet = try await window(metrics) { try await Task.sleep(for: .seconds(seconds)) }
        let idleViewers = try await SSEConnections.open(count: viewers, port: server.port, path: events, key: setup.key)
        let idle = try await window(metrics) { try await Task.sleep(for: .seconds(seconds)) }
        fields += [
            ("sse_viewers", "\(viewers)"), ("sse_open_at_end_engine", "\(openBusy)"),
            ("sse_open_at_end_idle", "\(idleViewers.open)"),
            ("cpu_per_wall_sse_engine", format(busy.cpu, digits: 2)),
            ("engine_attempts_per_second_sse", format(busy.attemptsPerSecond)),
            ("cpu_per_wall_idle_no_viewer", format(quiet.cpu, digits: 3)),
            ("cpu_per_wall_sse_idle", format(idle.cpu, digits: 3)),
            ("peak_rss_mb", format(BenchCommand.ImportBench.peakResidentMegabytes(), digits: 1)),
        ]
        await idleViewers.close()
        try Console.line(fields.map { "\($0.0)=\($0.1)" }.joined(separator: "\n"))
    }

    /// The engine's attempts per second and the process's CPU seconds per wall second while `body` runs.
    private func window(
        _ metrics: ServerMetrics, _ body: () async throws -> Void
    ) async throws -> (attemptsPerSecond: Double, cpu: Double) {
        let placed = Self.placed(metrics)
        let cpu = BenchCommand.ImportBench.cpuSeconds(children: false)
        let clock = ContinuousClock.now
        try await body()
        let wall = BenchCommand.ImportBench.seconds(since: clock)
        return (
            (Self.placed(metrics) - placed) / wall, (BenchCommand.ImportBench.cpuSeconds(children: false) - cpu) / wall
        )
    }

    /// `outbound_calls_placed_total` of the process's metrics.
    static func placed(_ metrics: ServerMetrics) -> Double {
        let name = "outbound_calls_placed_total "
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix(name) }
        return line.flatMap { Double($0.dropFirst(name.count)) } ?? 0
    }

    /// A lead page cursor (the API's `l.<seq>.<id>`, base64url) after list position `seq`.
    static func leadCursor(seq: Int64) -> String {
        Data("l.\(seq).0".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    struct Setup {
        var key: String
        var campaignId: Int64
    }

    /// The running campaign (instant calls, every outcome retried at once), nine drafts beside it, an admin key.
    static func setUp(_ store: SQLCampaignStore, leads: Int) async throws -> Setup {
        let (orgId, id) = try await BenchCampaign.running(store, name: "api", contacts: leads, start: start) {
            $0.concurrency = 1000
            $0.retry.delayMinutes = 0
            $0.retry.maxAttempts = 100
            $0.retry.on = ["no_answer", "busy", "not_interested", "voicemail"]
            $0.simulator.ringSeconds = 1...1
            $0.simulator.talkSeconds = 0...0
        }
        for index in 1...9 {
            let settings = CampaignSettings(
                name: "draft \(index)", agent: AgentProfile(name: "Bench"), numberPool: ["+14155550100"])
            _ = try await store.createCampaign(orgId: orgId, settings: settings, now: start)
        }
        let key = try await AccessKeys(store: store).create(orgId: orgId, name: "bench", role: .admin, now: start).key
        return Setup(key: key, campaignId: id)
    }

    /// The engine on the simulator and a virtual clock, as fast as it goes, until cancelled.
    static func dial(_ store: SQLCampaignStore, campaignId: Int64, metrics: ServerMetrics) async throws {
        guard let campaign = try await store.campaign(id: campaignId) else { return }
        let runner = CampaignRunner(
            store: store, campaignId: campaignId,
            provider: SimulatorProvider(model: campaign.settings.simulator, seed: 1, earlyHangUpRate: 0),
            clock: VirtualClock(start: start), workerId: "bench-api", compliance: try App.complianceRules(nil)
        ).reporting(to: metrics.dialler)
        do {
            _ = try await runner.run(until: start.addingTimeInterval(365 * 86_400))
        } catch is CancellationError {}
    }

    private func note(_ text: String) { Console.error("bench: \(text)\n") }

    private func format(_ value: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
}
