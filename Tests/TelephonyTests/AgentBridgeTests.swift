import CampaignCore
import Dialer
import Foundation
import MediaCore
import SIPCore
import Telephony
import TestSupport
import Testing

/// Answered calls end to end over the wire: a SIPp UAS answers and streams audio over RTP, our provider bridges it
/// to the example agent (`examples/agent/agent.py`, a real WebSocket server), the agent posts its result to an
/// in-test result endpoint standing in for the API, and the provider's `ended` carries the agent's disposition.
@Suite("The agent bridge end to end (SIPp, RTP, the example agent)", .serialized, .timeLimit(.minutes(3)))
struct AgentBridgeTests {
    static let friday = ISOTime.parse("2026-03-06T15:00:00Z")!
    static let token = "tok-\(UUID().uuidString)"

    /// 2 s of a 400 Hz tone as raw μ-law, for SIPp's `rtp_stream`.
    static func calleeAudio() throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("callee-\(UUID()).ul")
        let samples = (0..<16_000).map { n in
            MuLaw.encode(Int16(6_000 * sin(2 * Double.pi * 400 * Double(n) / 8_000)))
        }
        try Data(samples).write(to: file)
        return file
    }

    static func parameters(callId: Int64) -> [String: String] {
        [
            "callId": String(callId), "campaignId": "7", "contactId": "42", "to": "+14155550123",
            "from": "+14155550100", "token": token, "greeting": "Hello Ada", "prompt": "Be brief.",
            "voicemailMessage": "Call us back.", "NAME": "Ada",
        ]
    }

    struct Run {
        var events: [Dialer.CallEvent]
        var result: CallResult?
        var statistics: MediaStatistics?
        var sipp: (status: Int32, printed: String)
        var agentEvents: [[String: Any]]
        var agentPrinted: String
        var posted: [String: String]?
        var resultQueries: Int
        var endedAfter: Duration
    }

    /// One call through SIPp's `scenario` bridged to the example agent (or to `streamURL` when given).
    static func run(
        scenario: String?, hold: Int = 0, listen: Double = 1.0, grace: TimeInterval = 10, postTo api: String? = nil,
        streamURL: URL? = nil, maximumDuration: TimeInterval = 3_600
    ) async throws -> Run {
        let audio = try calleeAudio()
        defer { try? FileManager.default.removeItem(at: audio) }
        let peer = try SIPpPeer.start(
            scenario: scenario, filling: ["audio": audio.path, "hold": String(hold)],
            arguments: ["-mp", String(try FreePort.udp())])
        let callId: Int64 = 31
        let placeholder = FakeDirectory(trunk: SIPTrunk(host: "127.0.0.1"))
        let (resultsURL, server) = try await placeholder.serveResults(token: token)
        let agent = try await ExampleAgent.start(api: api ?? resultsURL, listen: listen)
        let directory = FakeDirectory(
            trunk: SIPTrunk(host: "127.0.0.1", port: peer.port, maximumDuration: maximumDuration),
            agent: AgentStreamPlan(
                streamURL: streamURL ?? URL(string: "ws://127.0.0.1:\(agent.port)/")!,
                customParameters: parameters(callId: callId), voicemailAction: .hangup, resultGrace: grace))
        let provider = try await SIPCallProvider.start(
            endpoint: SIPEndpoint(bindHost: "127.0.0.1", bindPort: 0, rtpPorts: 41_000...41_099),
            directory: Forwarding(plans: directory, results: placeholder))
        let request = DialRequest(
            callId: callId, campaignId: 7, to: "+14155550123", from: "+14155550100", queuedAt: friday)
        try await Task.sleep(for: .milliseconds(300))
        _ = try await provider.start(request)
        var events: [Dialer.CallEvent] = []
        var sipEndedAt: ContinuousClock.Instant?
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            events += await provider.events(campaignId: 7, upTo: Date())
            if events.contains(where: { if case .ended = $0.kind { true } else { false } }) { break }
            if sipEndedAt == nil, await provider.rtpPortsInUse == 0,
                events.contains(where: { Self.name($0) == "answered" })
            {
                sipEndedAt = .now
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let endedAfter = sipEndedAt.map { ContinuousClock.now - $0 } ?? .zero
        let sipp = await peer.finish()
        await agent.wait(for: "closed", timeout: .seconds(3))
        let agentEvents = agent.events
        let agentPrinted = agent.printed
        await agent.stop()
        let statistics = await provider.mediaStatistics(callId: callId)
        await provider.shutdown()
        server.cancel()
        _ = await server.result
        let result = events.compactMap { event -> CallResult? in
            if case .ended(let result) = event.kind { result } else { nil }
        }.first
        return Run(
            events: events, result: result, statistics: statistics, sipp: sipp, agentEvents: agentEvents,
            agentPrinted: agentPrinted, posted: placeholder.postedBody(callId: callId),
            resultQueries: placeholder.resultQueries, endedAfter: endedAfter)
    }

    static func name(_ event: Dialer.CallEvent) -> String {
        switch event.kind {
        case .ringing: "ringing"
        case .answered: "answered"
        case .ended: "ended"
        }
    }

    @Test("the agent greets, listens, posts INTERESTED and closes: our BYE, and the ended event carries its result")
    func agentTalksThenHangsUp() async throws {
        let run = try await Self.run(scenario: "uas_answer_play_wait", listen: 1.0)
        #expect(
            run.events.map(Self.name) == ["ringing", "answered", "ended"],
            "agent: \(run.agentPrinted) media: \(String(describing: run.statistics)) queries: \(run.resultQueries)")
        #expect(run.events.contains { $0.kind == .answered(by: .unknown) })
        #expect(run.result?.outcome == .answered)
        #expect(run.result?.answeredBy == .unknown)
        #expect(run.result?.disposition == "INTERESTED")
        #expect(run.result?.turns == 2)
        #expect(run.sipp.status == 0, "SIPp got our BYE after the agent closed: \(run.sipp.printed)")
        // The start message, as sent: the plan's parameters plus answeredBy.
        let start = run.agentEvents.first { $0["event"] as? String == "start" }
        var expected = Self.parameters(callId: 31)
        expected["answeredBy"] = "unknown"
        #expect(start?["customParameters"] as? [String: String] == expected)
        #expect((start?["streamSid"] as? String)?.hasPrefix("MZ") == true)
        // RTP both ways: the callee's audio reached the agent, the agent's greeting went out as RTP.
        let heard = run.agentEvents.first { $0["event"] as? String == "heard" }?["frames"] as? Int ?? 0
        #expect(heard >= 25, "the agent heard \(heard) frames of the callee")
        #expect(run.agentEvents.contains { $0["event"] as? String == "mark" && $0["name"] as? String == "greeting" })
        #expect(run.statistics?.agentAudioBytesSent == 4_800, "the whole 0.6 s greeting was played")
        #expect((run.statistics?.datagramsSent ?? 0) >= 30)
        #expect((run.statistics?.datagramsReceived ?? 0) >= 25)
        #expect(run.statistics?.latchedSource?.hasPrefix("127.0.0.1:") == true)
        #expect(run.statistics?.agentConnected == true)
        #expect(run.posted?["transcript"]?.hasPrefix("agent: ") == true)
        // The bridge's own accounting: nothing lost on loopback, every packet that reached the agent timed.
        #expect(run.statistics?.calleePacketsLost == 0)
        #expect(run.statistics?.agentFramesDropped == 0)
        #expect((run.statistics?.calleeToAgent.packets ?? 0) >= 25)
        #expect((run.statistics?.calleeToAgent.packets ?? 0) <= (run.statistics?.datagramsReceived ?? 0))
        #expect((run.statistics?.agentToCallee.packets ?? 0) >= 1, "the greeting's frames were timed out as RTP")
    }

    @Test("the callee hangs up first: the agent gets stop, still posts, and the end waits for its result")
    func calleeHangsUpFirst() async throws {
        let run = try await Self.run(scenario: "uas_answer_play_bye", hold: 1_200, listen: 5)
        #expect(run.events.map(Self.name) == ["ringing", "answered", "ended"])
        #expect(run.agentEvents.contains { $0["event"] as? String == "stop" }, "\(run.agentPrinted)")
        #expect(run.result?.outcome == .answered)
        #expect(run.result?.disposition == "INTERESTED")
        #expect(run.sipp.status == 0, "our 200 to the callee's BYE: \(run.sipp.printed)")
    }

    @Test("a stream URL that does not connect: we hang up at once, answered with no disposition, no grace waited")
    func unreachableAgent() async throws {
        let port = try FreePort.udp()
        let started = ContinuousClock.now
        let run = try await Self.run(
            scenario: "uas_answer_play_wait", grace: 30, streamURL: URL(string: "ws://127.0.0.1:\(port)/")!)
        #expect(run.events.map(Self.name) == ["ringing", "answered", "ended"])
        #expect(run.result?.outcome == .answered)
        #expect(run.result?.disposition == nil)
        #expect(run.sipp.status == 0, "\(run.sipp.printed)")
        #expect(ContinuousClock.now - started < .seconds(15), "the 30 s grace was not waited")
        #expect(run.resultQueries == 0)
    }

    @Test("the agent's result never arrives: the end is reported once the grace has passed, without a disposition")
    func noResultWaitsTheGrace() async throws {
        let run = try await Self.run(
            scenario: "uas_answer_play_wait", listen: 0.3, grace: 1.5, postTo: "http://127.0.0.1:9/")
        #expect(run.result?.outcome == .answered)
        #expect(run.result?.disposition == nil)
        #expect(run.agentEvents.contains { $0["event"] as? String == "post-failed" }, "\(run.agentPrinted)")
        #expect(run.endedAfter >= .milliseconds(1_200), "ended \(run.endedAfter) after the call")
        #expect(run.resultQueries >= 3, "polled every 200 ms")
        #expect(run.sipp.status == 0, "\(run.sipp.printed)")
    }

    @Test(
        "the trunk's maximum duration ends a call whose agent keeps listening: our BYE, stop to the agent, its result")
    func maximumDurationEndsTheCall() async throws {
        let started = ContinuousClock.now
        let run = try await Self.run(scenario: "uas_answer_play_wait", listen: 20, maximumDuration: 2)
        #expect(run.events.map(Self.name) == ["ringing", "answered", "ended"])
        #expect(run.agentEvents.contains { $0["event"] as? String == "stop" }, "\(run.agentPrinted)")
        #expect(run.result?.outcome == .answered)
        #expect(run.result?.disposition == "INTERESTED")
        #expect(run.sipp.status == 0, "SIPp got our BYE: \(run.sipp.printed)")
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}

/// Plans from one directory, results from another (the one whose endpoint the agent posted to).
struct Forwarding: SIPCallDirectory {
    let plans: FakeDirectory
    let results: FakeDirectory

    func plan(for request: DialRequest) async throws -> SIPCallPlan { try await plans.plan(for: request) }
    func agentResult(callId: Int64) async throws -> AgentCallResult? { try await results.agentResult(callId: callId) }
}
