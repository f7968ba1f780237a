import CampaignCore
import Dialer
import Foundation
import MediaCore
import Telephony

/// One batch of concurrent bridged calls' figures.
struct SipBridgeRow {
    var calls: Int
    var answered: Int
    var toAgent: PacketDelayTally
    var toCallee: PacketDelayTally
    var toCalleeQueued: PacketDelayTally
    var calleeLost: Int
    var agentDropped: Int
    /// Callee packets received that never reached the agent's socket (still queued when the call ended count too).
    var notForwarded: Int
    var cpuSecondsPerCallSecond: Double
    var sippFailed: Int

    var late: Int { toAgent.late + toCallee.late }
    var lost: Int { calleeLost + agentDropped }
    var lateOrLostFraction: Double {
        let packets = toAgent.packets + toCallee.packets + lost
        return packets == 0 ? 1 : Double(late + lost) / Double(packets)
    }

    var line: String {
        var both = toAgent
        both.merge(toCallee)
        return "concurrent=\(calls) answered=\(answered) packets_to_agent=\(toAgent.packets) "
            + "packets_to_callee=\(toCallee.packets) late=\(late) lost=\(lost) "
            + "late_or_lost_pct=\(String(format: "%.3f", lateOrLostFraction * 100)) "
            + "to_agent_p50_ms=\(SipBench.milliseconds(toAgent.percentile(0.5))) "
            + "to_agent_p99_ms=\(SipBench.milliseconds(toAgent.percentile(0.99))) "
            + "to_callee_p50_ms=\(SipBench.milliseconds(toCallee.percentile(0.5))) "
            + "to_callee_p99_ms=\(SipBench.milliseconds(toCallee.percentile(0.99))) "
            + "to_callee_queued_p50_ms=\(SipBench.milliseconds(toCalleeQueued.percentile(0.5))) "
            + "to_callee_queued_p99_ms=\(SipBench.milliseconds(toCalleeQueued.percentile(0.99))) "
            + "max_ms=\(SipBench.milliseconds(both.maximum)) not_forwarded=\(notForwarded) "
            + "cpu_pct_per_call=\(String(format: "%.3f", cpuSecondsPerCallSecond * 100)) sipp_failed=\(sippFailed)"
    }
}

/// N calls answered by SIPp (streaming a looped tone over RTP), each bridged to the echo agent, held together.
struct SipBridgeRun {
    let calls: Int
    let hold: Double
    let rampCallsPerSecond: Int
    let agentPort: Int
    let folder: URL

    func run() async throws -> SipBridgeRow {
        let audio = folder.appendingPathComponent("tone.ul")
        let samples = (0..<8_000).map { n in MuLaw.encode(Int16(6_000 * sin(2 * Double.pi * 400 * Double(n) / 8_000))) }
        try Data(samples).write(to: audio)
        let peer = try SipBenchPeer.start(
            scenario: SipBenchScenario.answerAndStream(audio: audio.path), name: "bridge\(calls)", port: 25_560,
            mediaPort: 47_000, calls: calls, timeout: Int(hold) + Int(Double(calls) / Double(rampCallsPerSecond)) + 90,
            in: folder)
        defer { peer.kill9() }
        let agent = AgentStreamPlan(
            streamURL: URL(string: "ws://127.0.0.1:\(agentPort)/")!, customParameters: ["bench": "sip"],
            voicemailAction: .hangup, resultGrace: 0)
        let provider = try await SIPCallProvider.start(
            endpoint: SIPEndpoint(bindHost: "127.0.0.1", bindPort: 0, rtpPorts: 30_000...31_999),
            directory: SipBenchDirectory(
                trunks: [SIPTrunk(host: "127.0.0.1", port: peer.port, callsPerSecond: rampCallsPerSecond)], agent: agent
            ),
            logger: SipBench.logger())
        try await Task.sleep(for: .milliseconds(500))
        let campaignId = Int64(calls)
        let events = SipBenchEvents(provider: provider, campaignId: campaignId)
        _ = await placeCalls(
            provider,
            schedule: CallRateSchedule(
                callsPerSecond: rampCallsPerSecond, seconds: Double(calls) / Double(rampCallsPerSecond)),
            campaignId: campaignId)
        let answerDeadline = ContinuousClock.now + .seconds(20)
        while events.answeredCount + events.endedCount < calls, ContinuousClock.now < answerDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let cpuBefore = BenchCommand.ImportBench.cpuSeconds(children: false)
        let holdStart = ContinuousClock.now
        try await Task.sleep(for: .milliseconds(Int64(hold * 1000)))
        let cpu = BenchCommand.ImportBench.cpuSeconds(children: false) - cpuBefore
        let held = BenchCommand.ImportBench.seconds(since: holdStart)
        let answered = events.answeredCount
        let callIds = (1...Int64(calls))
        for callId in callIds {
            await provider.hangUp(
                DialRequest(callId: callId, campaignId: campaignId, to: "", from: "", queuedAt: Date()), at: Date())
        }
        let endDeadline = ContinuousClock.now + .seconds(20)
        while events.endedCount < calls, ContinuousClock.now < endDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        events.stop()
        try await Task.sleep(for: .milliseconds(300))
        var toAgent = PacketDelayTally()
        var toCallee = PacketDelayTally()
        var toCalleeQueued = PacketDelayTally()
        var calleeLost = 0
        var agentDropped = 0
        var notForwarded = 0
        for callId in callIds {
            guard let statistics = await provider.mediaStatistics(callId: callId) else { continue }
            toAgent.merge(statistics.calleeToAgent)
            toCallee.merge(statistics.agentToCallee)
            toCalleeQueued.merge(statistics.agentToCalleeQueued)
            calleeLost += statistics.calleePacketsLost
            agentDropped += statistics.agentFramesDropped
            notForwarded += max(0, statistics.datagramsReceived - statistics.calleeToAgent.packets)
        }
        let sipp = await peer.finish(timeout: .seconds(10))
        await provider.shutdown()
        return SipBridgeRow(
            calls: calls, answered: answered, toAgent: toAgent, toCallee: toCallee, toCalleeQueued: toCalleeQueued,
            calleeLost: calleeLost,
            agentDropped: agentDropped, notForwarded: notForwarded,
            cpuSecondsPerCallSecond: cpu / max(held, 0.001) / Double(max(answered, 1)), sippFailed: sipp.failed)
    }
}

/// The echo agent in a child process (this executable, `bench sip --echo-agent`).
struct SipBenchAgentProcess {
    let process: Process
    let port: Int

    static func start() async throws -> SipBenchAgentProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["bench", "sip", "--echo-agent"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("port="), let port = Int(line.dropFirst(5))
        else {
            kill(process.processIdentifier, SIGKILL)
            throw CommandFailure("the echo agent did not start: \(text)")
        }
        return SipBenchAgentProcess(process: process, port: port)
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
