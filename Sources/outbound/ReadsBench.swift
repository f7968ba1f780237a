import ArgumentParser
import CampaignCore
import CampaignStore
import ContactImport
import Dialer
import Foundation
import OutboundApp

/// `outbound bench reads`: how long reads take while a large import runs (the importing campaign's lead counts, a
/// page of another campaign's calls) and while the dialler runs at full speed (its campaign's lead counts and newest
/// page of calls) on the same database: the latency a dashboard sees.
struct ReadsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reads", abstract: "Time reads while an import and the dialler write (build with -c release).")
    @Option(parsing: .unconditional, help: "Data rows of the list imported meanwhile.") var rows = 500_000
    @Option(parsing: .unconditional, help: "Contacts of the campaign the dialler runs meanwhile.") var contacts =
        200_000
    @Option(parsing: .unconditional, help: "Attempts the dialler places meanwhile.") var attempts = 100_000
    @Option(parsing: .unconditional, help: "Pause between two reads, in milliseconds.") var pause = 5

    func run() async throws {
        try await failingCleanly {
            guard rows > 0, contacts > 0, attempts > 0, pause >= 0 else {
                throw CommandFailure("--rows, --contacts and --attempts must be positive, --pause not negative")
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-reads-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let csv = folder.appendingPathComponent("contacts.csv").path
            Console.error("bench: generating \(rows) rows\n")
            var generator = MessyContactList(seed: 42)
            try generator.write(rows: rows, to: csv)
            let database = folder.appendingPathComponent("reads.sqlite").path
            let start = ISOTime.parse("2026-03-09T13:00:00Z")!
            try await App.withStore(database, creating: true) { store in
                let dialled = try await dialledCampaign(store, start: start)
                let target = try await BenchCommand.ImportBench.campaign(in: store)
                Console.error("bench: reading while \(rows) rows are imported\n")
                let duringImport = try await sampling(
                    reads: [
                        ("lead_counts", { _ = try await store.leadCounts(campaignId: target) }),
                        ("call_page", { _ = try await store.callPage(campaignId: dialled, limit: 50) }),
                    ]
                ) {
                    let job = try ContactImportJob(path: csv, region: "US", mappings: [], mode: .replace)
                    _ = try await job.run(
                        store: store, campaignId: target, errorsPath: nil, progress: nil, database: database)
                }
                try report("import", duringImport)
                Console.error("bench: reading while the dialler places \(attempts) attempts\n")
                let duringDialling = try await sampling(
                    reads: [
                        ("lead_counts", { _ = try await store.leadCounts(campaignId: dialled) }),
                        ("call_page", { _ = try await store.callPage(campaignId: dialled, limit: 50) }),
                    ]
                ) {
                    try await dial(store, campaignId: dialled, start: start)
                }
                try report("dialler", duringDialling)
            }
        }
    }

    /// Latencies in milliseconds by read.
    typealias Samples = [String: [Double]]

    /// Runs `work` while a loop runs `reads` one after the other, `pause` milliseconds apart, until the work is
    /// done.
    private func sampling(
        reads: [(name: String, read: @Sendable () async throws -> Void)],
        while work: @escaping @Sendable () async throws -> Void
    ) async throws -> (samples: Samples, seconds: Double) {
        let clock = ContinuousClock.now
        let worker = Task { try await work() }
        let pause = self.pause
        let reader = Task {
            var samples: Samples = [:]
            while !Task.isCancelled {
                for (name, read) in reads {
                    samples[name, default: []].append(try await Self.milliseconds(read))
                }
                try? await Task.sleep(for: .milliseconds(pause))
            }
            return samples
        }
        do {
            try await worker.value
        } catch {
            reader.cancel()
            throw error
        }
        let elapsed = Self.seconds(since: clock)
        reader.cancel()
        return (try await reader.value, elapsed)
    }

    private func report(_ phase: String, _ result: (samples: Samples, seconds: Double)) throws {
        var lines = ["\(phase)_seconds=\(String(format: "%.3f", result.seconds))"]
        for (read, values) in result.samples.sorted(by: { $0.key < $1.key }) {
            let sorted = values.sorted()
            func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
            lines.append("\(phase)_\(read)_reads=\(sorted.count)")
            lines.append("\(phase)_\(read)_p50_ms=\(String(format: "%.2f", percentile(0.5)))")
            lines.append("\(phase)_\(read)_p99_ms=\(String(format: "%.2f", percentile(0.99)))")
            lines.append("\(phase)_\(read)_max_ms=\(String(format: "%.2f", sorted.last ?? 0))")
        }
        try Console.line(lines.joined(separator: "\n"))
    }

    /// A running campaign of `contacts` contacts (window open all day, instant calls) with a first round of calls.
    private func dialledCampaign(_ store: SQLCampaignStore, start: Date) async throws -> Int64 {
        try await BenchCampaign.running(store, name: "dialled", contacts: contacts, start: start) { settings in
            settings.concurrency = 1000
            settings.retry.delayMinutes = 0
            settings.simulator.ringSeconds = 1...1
            settings.simulator.talkSeconds = 0...0
        }.campaignId
    }

    /// The runner at full speed on a virtual clock until it has placed about `attempts` attempts.
    @Sendable private func dial(_ store: SQLCampaignStore, campaignId: Int64, start: Date) async throws {
        guard let campaign = try await store.campaign(id: campaignId) else { return }
        let runner = CampaignRunner(
            store: store, campaignId: campaignId,
            provider: SimulatorProvider(model: campaign.settings.simulator, seed: 1, earlyHangUpRate: 0),
            clock: VirtualClock(start: start), workerId: "bench-reads", compliance: try App.complianceRules(nil))
        let rounds = Double(max(1, attempts / campaign.settings.concurrency))
        _ = try await runner.run(until: start.addingTimeInterval(rounds * 2))
    }

    private static func milliseconds(_ body: () async throws -> Void) async throws -> Double {
        let clock = ContinuousClock.now
        try await body()
        return seconds(since: clock) * 1000
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
