import ArgumentParser
import CampaignCore
import Dialer
import Foundation
import Logging
import Synchronization
import Telephony

/// `outbound bench sip`: the real `sip` provider against SIPp UAS peers on this machine. First calls placed at
/// rising CPS (each answered at once and hung up by us): our failed transactions, SIPp's failed calls, the achieved
/// rate and INVITE→200 latency; then N answered calls held at once, SIPp streaming RTP into each and every call
/// bridged to a local echo agent: packets late (> 40 ms inside our process) or lost, and CPU per call.
struct SipBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sip",
        abstract: "Calls per second and concurrent bridged calls against SIPp (build with -c release).")
    @Option(help: "Call rates to run, comma-separated (calls a second).") var cps = "25,50,100,200"
    @Option(help: "Length of each rate's run, in seconds.") var seconds = 60.0
    @Option(help: "SIPp instances sharing each rate's calls (each is a trunk with its own CPS).") var sippInstances = 1
    @Option(help: "Concurrent bridged calls to hold, comma-separated.") var concurrent = "50,100,200"
    @Option(help: "How long each batch of concurrent calls is held, in seconds.") var hold = 20.0
    @Option(help: "Rate at which the concurrent calls are placed (calls a second).") var rampCps = 50
    @Flag(help: "Only the CPS runs.") var onlyCps = false
    @Flag(help: "Only the concurrent bridged calls.") var onlyConcurrent = false
    @Flag(help: .hidden) var echoAgent = false

    func run() async throws {
        if echoAgent { return try await SipBenchEchoAgent.serve() }
        try await failingCleanly {
            let rates = try Self.numbers(cps, option: "--cps")
            let batches = try Self.numbers(concurrent, option: "--concurrent")
            guard seconds > 0 else { throw CommandFailure("--seconds must be positive, got \(seconds)") }
            guard hold > 0 else { throw CommandFailure("--hold must be positive, got \(hold)") }
            guard sippInstances > 0 else { throw CommandFailure("--sipp-instances must be positive") }
            guard rampCps > 0 else { throw CommandFailure("--ramp-cps must be positive") }
            _ = try SipBenchPeer.sippPath()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-sip-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Console.line("build=\(BenchCommand.ImportBench.buildMode) load=\(Self.loadAverages())")
            if !onlyConcurrent {
                var rows: [SipRateRow] = []
                for rate in rates {
                    note("\(rate) CPS for \(seconds) s through \(sippInstances) SIPp")
                    let row = try await SipRateRun(
                        callsPerSecond: rate, seconds: seconds, instances: sippInstances, folder: folder,
                        campaignId: Int64(rate)
                    ).run()
                    rows.append(row)
                    try Console.line(row.line)
                }
                let held = rows.filter(\.clean).map(\.callsPerSecond).max()
                try Console.line("highest_cps_with_zero_errors_of_ours=\(held.map(String.init) ?? "none")")
            }
            if !onlyCps {
                let agent = try await SipBenchAgentProcess.start()
                defer { agent.stop() }
                var rows: [SipBridgeRow] = []
                for calls in batches {
                    note("\(calls) bridged calls held \(hold) s")
                    let row = try await SipBridgeRun(
                        calls: calls, hold: hold, rampCallsPerSecond: rampCps, agentPort: agent.port, folder: folder
                    ).run()
                    rows.append(row)
                    try Console.line(row.line)
                }
                let held = rows.filter { $0.lateOrLostFraction < 0.005 && $0.answered == $0.calls }.map(\.calls).max()
                try Console.line("highest_concurrent_under_half_percent=\(held.map(String.init) ?? "none")")
            }
            try Console.line("load=\(Self.loadAverages())")
        }
    }

    private func note(_ text: String) { Console.error("bench: \(text)\n") }

    static func numbers(_ list: String, option: String) throws -> [Int] {
        let values = list.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw CommandFailure("\(option) must be positive whole numbers separated by commas, got \"\(list)\"")
        }
        return values.compactMap { $0 }
    }

    /// `/proc/loadavg`'s three load averages.
    static func loadAverages() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: ",")
    }

    static func logger() -> Logger {
        var logger = Logger(label: "outbound.bench.sip")
        logger.logLevel = .error
        return logger
    }

    static func milliseconds(_ duration: Duration?) -> String {
        guard let duration else { return "-" }
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}

/// The bench's seam: every call's trunk is one of the SIPp peers (by call id), with the agent given.
struct SipBenchDirectory: SIPCallDirectory {
    let trunks: [SIPTrunk]
    let agent: AgentStreamPlan?

    func plan(for request: DialRequest) async throws -> SIPCallPlan {
        SIPCallPlan(trunk: trunks[Int(request.callId) % trunks.count], agent: agent)
    }

    func agentResult(callId: Int64) async throws -> AgentCallResult? { nil }
}

/// Collects a provider's events for one campaign in the background, until stopped.
final class SipBenchEvents: Sendable {
    private final class Seen: Sendable {
        let ended = Mutex<[Int64: CallResult]>([:])
        let answered = Mutex<Set<Int64>>([])
    }

    private let seen = Seen()
    private let task: Task<Void, Never>

    init(provider: SIPCallProvider, campaignId: Int64) {
        task = Task { [seen] in
            while !Task.isCancelled {
                for event in await provider.events(campaignId: campaignId, upTo: Date()) {
                    switch event.kind {
                    case .ringing: break
                    case .answered: _ = seen.answered.withLock { $0.insert(event.callId) }
                    case .ended(let result): seen.ended.withLock { $0[event.callId] = result }
                    }
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    var answeredCount: Int { seen.answered.withLock { $0.count } }
    var endedCount: Int { seen.ended.withLock { $0.count } }
    var results: [Int64: CallResult] { seen.ended.withLock { $0 } }

    func stop() { task.cancel() }
}

/// Instants collected from many tasks.
private final class SentInstants: Sendable {
    let instants = Mutex<[ContinuousClock.Instant]>([])
}

/// Places calls on a ``CallRateSchedule``, each in its own task; returns when every start has returned, with the
/// instants the INVITEs went out (a start returns once its INVITE is sent).
func placeCalls(
    _ provider: SIPCallProvider, schedule: CallRateSchedule, campaignId: Int64, firstCallId: Int64 = 1
) async -> [ContinuousClock.Instant] {
    let origin = ContinuousClock.now
    let sent = SentInstants()
    await withTaskGroup(of: Void.self) { group in
        for index in 0..<schedule.count {
            try? await Task.sleep(until: origin + schedule.offset(of: index), clock: .continuous)
            let request = DialRequest(
                callId: firstCallId + Int64(index), campaignId: campaignId,
                to: "+1415555\(String(format: "%04d", index % 10_000))", from: "+14155550100", queuedAt: Date())
            group.addTask {
                _ = try? await provider.start(request)
                let now = ContinuousClock.now
                sent.instants.withLock { $0.append(now) }
            }
        }
    }
    return sent.instants.withLock { $0.sorted() }
}
