import CampaignCore
import Dialer
import Foundation
import SIPCore
import Telephony
import TestSupport
import Testing

/// Real calls over UDP on 127.0.0.1 between ``SIPCallProvider`` and a SIPp UAS per test (the carrier and the callee).
/// SIPp exits 0 only when its scenario ran to the end, so each test checks both sides: our outcome and SIPp's verdict.
@Suite("SIPCallProvider against SIPp", .serialized, .timeLimit(.minutes(3)))
struct SIPCallProviderTests {
    static let friday = ISOTime.parse("2026-03-06T15:00:00Z")!

    /// What one call did, seen from the engine's side.
    struct Outcome {
        var kinds: [String]
        var result: CallResult?
        var sippStatus: Int32
        var sippOutput: String
    }

    /// Places one call through a SIPp peer running `scenario`; `act` may hang up once the call is answered or ringing.
    static func call(
        scenario: String?, filling: [String: String] = [:], credentials: DigestCredentials? = nil,
        ringTimeout: TimeInterval = 30, timers: TimerTable = .rfc3261, hangUpWhen: String? = nil
    ) async throws -> Outcome {
        let peer = try SIPpPeer.start(scenario: scenario, filling: filling)
        try await Task.sleep(for: .milliseconds(300))
        let provider = try await Self.provider(
            trunk: SIPTrunk(
                host: "127.0.0.1", port: peer.port, credentials: credentials, ringTimeout: ringTimeout, timers: timers))
        let request = DialRequest(
            callId: 1, campaignId: 7, to: "+14155550123", from: "+14155550100", queuedAt: friday)
        _ = try await provider.start(request)
        var events: [Dialer.CallEvent] = []
        var hungUp = false
        let deadline = ContinuousClock.now + .seconds(40)
        while ContinuousClock.now < deadline {
            events += await provider.events(campaignId: 7, upTo: Date())
            if events.contains(where: { if case .ended = $0.kind { true } else { false } }) { break }
            if !hungUp, let hangUpWhen, events.contains(where: { kindName($0.kind) == hangUpWhen }) {
                hungUp = true
                await provider.hangUp(request, at: Date())
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let (status, printed) = await peer.finish()
        await provider.shutdown()
        let result = events.compactMap { event -> CallResult? in
            if case .ended(let result) = event.kind { result } else { nil }
        }.first
        return Outcome(
            kinds: events.map { kindName($0.kind) }, result: result, sippStatus: status, sippOutput: printed)
    }

    /// A provider on 127.0.0.1 whose directory gives every call `trunk` (and `agent`).
    static func provider(
        trunk: SIPTrunk, agent: AgentStreamPlan? = nil, rtpPorts: ClosedRange<Int> = 40_000...40_999
    ) async throws -> SIPCallProvider {
        try await SIPCallProvider.start(
            endpoint: SIPEndpoint(bindHost: "127.0.0.1", bindPort: 0, rtpPorts: rtpPorts),
            directory: FakeDirectory(trunk: trunk, agent: agent))
    }

    static func kindName(_ kind: Dialer.CallEvent.Kind) -> String {
        switch kind {
        case .ringing: "ringing"
        case .answered: "answered"
        case .ended: "ended"
        }
    }

    @Test("answered, then our BYE (the engine hangs up): answered, SIPp's built-in uas satisfied")
    func answeredThenWeHangUp() async throws {
        let outcome = try await Self.call(scenario: nil, hangUpWhen: "answered")
        #expect(outcome.kinds == ["ringing", "answered", "ended"], "\(outcome.sippOutput)")
        #expect(outcome.result?.outcome == .answered)
        #expect(outcome.result?.answeredAt != nil)
        #expect(outcome.sippStatus == 0, "\(outcome.sippOutput)")
    }

    @Test("answered with no agent to reach: hung up at once (our BYE), answered")
    func noAgentHangsUpAtOnce() async throws {
        let outcome = try await Self.call(scenario: nil)
        #expect(outcome.kinds == ["ringing", "answered", "ended"], "\(outcome.sippOutput)")
        #expect(outcome.result?.outcome == .answered)
        #expect(outcome.sippStatus == 0, "\(outcome.sippOutput)")
    }

    @Test("a plan that throws (no sip carrier owns the caller ID): the call fails as an event, nothing is sent")
    func planThrows() async throws {
        let provider = try await SIPCallProvider.start(
            endpoint: SIPEndpoint(bindHost: "127.0.0.1", bindPort: 0, rtpPorts: 40_000...40_999),
            directory: FakeDirectory(trunk: SIPTrunk(host: "127.0.0.1", port: try FreePort.udp()), failsPlans: true))
        let request = DialRequest(
            callId: 4, campaignId: 7, to: "+14155550123", from: "+14155550100", queuedAt: Self.friday)
        _ = try await provider.start(request)
        let events = await provider.events(campaignId: 7, upTo: Date())
        await provider.shutdown()
        #expect(events.map { Self.kindName($0.kind) } == ["ended"])
        guard case .ended(let result) = events.first?.kind else { return }
        #expect(result.outcome == .failed)
        #expect(await provider.reconcile(request, now: Date()) == .ended(result))
    }

    @Test("every RTP port of the range is taken: the call fails clearly; once free, the port is used and released")
    func rtpPortsExhausted() async throws {
        let held = try HeldPort(40_100)
        let peer = try SIPpPeer.start(scenario: nil)
        try await Task.sleep(for: .milliseconds(300))
        let provider = try await Self.provider(
            trunk: SIPTrunk(host: "127.0.0.1", port: peer.port), rtpPorts: 40_099...40_101)
        let first = DialRequest(
            callId: 1, campaignId: 7, to: "+14155550123", from: "+14155550100", queuedAt: Self.friday)
        _ = try await provider.start(first)
        let refused = await provider.events(campaignId: 7, upTo: Date())
        #expect(refused.map { Self.kindName($0.kind) } == ["ended"])
        if case .ended(let result) = refused.first?.kind { #expect(result.outcome == .failed) }
        held.release()
        let second = DialRequest(
            callId: 2, campaignId: 7, to: "+14155550123", from: "+14155550100", queuedAt: Self.friday)
        _ = try await provider.start(second)
        var events: [Dialer.CallEvent] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, !events.contains(where: { Self.kindName($0.kind) == "ended" }) {
            events += await provider.events(campaignId: 7, upTo: Date())
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(events.map { Self.kindName($0.kind) } == ["ringing", "answered", "ended"])
        #expect(await provider.mediaStatistics(callId: 2)?.localPort == 40_100)
        try await Task.sleep(for: .milliseconds(100))
        #expect(await provider.rtpPortsInUse == 0, "the port is released at the call's end")
        let sipp = await peer.finish()
        #expect(sipp.status == 0, "\(sipp.printed)")
        await provider.shutdown()
    }

    @Test(
        "a final status maps to its outcome (SPEC §12) and its ACK completes SIPp's scenario",
        arguments: [
            (486, "Busy Here", CallOutcome.busy), (600, "Busy Everywhere", .busy), (603, "Decline", .rejected),
            (404, "Not Found", .invalidNumber), (484, "Address Incomplete", .invalidNumber),
            (480, "Temporarily Unavailable", .noAnswer), (408, "Request Timeout", .noAnswer),
            (503, "Service Unavailable", .failed),
        ] as [(Int, String, CallOutcome)])
    func finalStatus(code: Int, reason: String, expected: CallOutcome) async throws {
        let outcome = try await Self.call(scenario: "uas_reject", filling: ["code": String(code), "reason": reason])
        #expect(outcome.result?.outcome == expected, "\(code)")
        #expect(outcome.result?.answeredAt == nil)
        #expect(outcome.sippStatus == 0, "\(code): \(outcome.sippOutput)")
    }

    @Test(
        "a challenge answered with the right password: answered; SIPp checked the answer",
        arguments: [
            "uas_auth",  // 401, MD5; SIPp's verifyauth
            "uas_proxy407",  // 407 from a proxy asking for SHA-256, answered with Proxy-Authorization
        ])
    func digestRight(scenario: String) async throws {
        let outcome = try await Self.call(
            scenario: scenario, credentials: DigestCredentials(username: "alice", password: "s3cret"),
            hangUpWhen: "answered")
        #expect(outcome.result?.outcome == .answered)
        #expect(outcome.sippStatus == 0, "\(outcome.sippOutput)")
    }

    @Test("a wrong password: SIPp answers 403 and the call fails, with no second retry")
    func digestWrong() async throws {
        let outcome = try await Self.call(
            scenario: "uas_auth", credentials: DigestCredentials(username: "alice", password: "wrong"))
        #expect(outcome.result?.outcome == .failed)
        #expect(outcome.kinds == ["ended"])
    }

    @Test("ringing past the ring timeout: our CANCEL, SIPp's 487, no_answer")
    func ringTimeout() async throws {
        let outcome = try await Self.call(scenario: "uas_ring_cancel", ringTimeout: 1)
        #expect(outcome.kinds == ["ringing", "ended"])
        #expect(outcome.result?.outcome == .noAnswer)
        #expect(outcome.sippStatus == 0, "\(outcome.sippOutput)")
    }

    @Test("the engine hangs up a ringing call: CANCEL, 487, no_answer")
    func engineCancelsWhileRinging() async throws {
        let outcome = try await Self.call(scenario: "uas_ring_cancel", hangUpWhen: "ringing")
        #expect(outcome.result?.outcome == .noAnswer)
        #expect(outcome.sippStatus == 0, "\(outcome.sippOutput)")
    }

    @Test("183 with early media, then 404: ringing, then invalid_number")
    func earlyMediaThen404() async throws {
        let outcome = try await Self.call(scenario: "uas_183_404")
        #expect(outcome.kinds == ["ringing", "ended"])
        #expect(outcome.result?.outcome == .invalidNumber)
        #expect(outcome.sippStatus == 0, "\(outcome.sippOutput)")
    }

    @Test("nobody answers at all: the INVITE is retransmitted until Timer B (64·T1, T1 50 ms here), failed")
    func timerB() async throws {
        let port = try FreePort.udp()
        let provider = try await Self.provider(
            trunk: SIPTrunk(
                host: "127.0.0.1", port: port,
                timers: TimerTable(
                    t1: .milliseconds(50), t2: .milliseconds(400), t4: .milliseconds(500),
                    timerD: .milliseconds(500))))
        let request = DialRequest(
            callId: 9, campaignId: 3, to: "+14155550123", from: "+14155550100", queuedAt: Self.friday)
        let started = ContinuousClock.now
        _ = try await provider.start(request)
        var result: CallResult?
        while result == nil, ContinuousClock.now - started < .seconds(20) {
            for event in await provider.events(campaignId: 3, upTo: Date()) {
                if case .ended(let ended) = event.kind { result = ended }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let waited = ContinuousClock.now - started
        await provider.shutdown()
        #expect(result?.outcome == .failed)
        #expect(waited >= .milliseconds(3_200), "not before Timer B")
        #expect(await provider.reconcile(request, now: Date()) == .ended(result!))
    }

    @Test("the carrier's CPS spaces the INVITEs: 4 calls started at once at 2 CPS leave 0.5 s apart")
    func callsPerSecond() async throws {
        let provider = try await Self.provider(
            trunk: SIPTrunk(
                host: "127.0.0.1", port: try FreePort.udp(), callsPerSecond: 2,
                timers: TimerTable(
                    t1: .milliseconds(50), t2: .milliseconds(400), t4: .milliseconds(500), timerD: .milliseconds(500))))
        let started = ContinuousClock.now
        let sent = try await withThrowingTaskGroup(of: Duration.self) { group in
            for callId in 1...4 {
                group.addTask {
                    let request = DialRequest(
                        callId: Int64(callId), campaignId: 5, to: "+14155550123", from: "+14155550100",
                        queuedAt: Self.friday)
                    _ = try await provider.start(request)
                    return ContinuousClock.now - started
                }
            }
            return try await group.reduce(into: [Duration]()) { $0.append($1) }.sorted()
        }
        await provider.shutdown()
        for (earlier, later) in zip(sent, sent.dropFirst()) {
            #expect(later - earlier >= .milliseconds(450), "\(sent)")
        }
        #expect(sent.last! >= .milliseconds(1_500))
    }

    @Test(
        "each trunk has its own CPS: 2 calls to each of 2 trunks at 2 CPS, the same trunk's 0.5 s apart, not the other's"
    )
    func callsPerSecondPerTrunk() async throws {
        let timers = TimerTable(
            t1: .milliseconds(50), t2: .milliseconds(400), t4: .milliseconds(500), timerD: .milliseconds(500))
        let trunks = [
            SIPTrunk(host: "127.0.0.1", port: try FreePort.udp(), callsPerSecond: 2, timers: timers),
            SIPTrunk(host: "127.0.0.1", port: try FreePort.udp(), callsPerSecond: 2, timers: timers),
        ]
        let provider = try await SIPCallProvider.start(
            endpoint: SIPEndpoint(bindHost: "127.0.0.1", bindPort: 0, rtpPorts: 40_000...40_999),
            directory: ByCallId { trunks[Int($0.callId) % 2] })
        let started = ContinuousClock.now
        let sent = try await withThrowingTaskGroup(of: (Int64, Duration).self) { group in
            for callId in Int64(1)...4 {
                group.addTask {
                    let request = DialRequest(
                        callId: callId, campaignId: 5, to: "+14155550123", from: "+14155550100", queuedAt: Self.friday)
                    _ = try await provider.start(request)
                    return (callId, ContinuousClock.now - started)
                }
            }
            return try await group.reduce(into: [Int64: Duration]()) { $0[$1.0] = $1.1 }
        }
        await provider.shutdown()
        for pair in [(1, 3), (2, 4)] as [(Int64, Int64)] {
            let (one, other) = (sent[pair.0]!, sent[pair.1]!)
            #expect(max(one, other) - min(one, other) >= .milliseconds(450), "\(sent)")
        }
        #expect(
            sent.values.max()! < .milliseconds(1_000), "the two trunks' slots do not queue behind each other: \(sent)")
    }
}

/// A directory whose trunk depends on the call.
struct ByCallId: SIPCallDirectory {
    let trunk: @Sendable (DialRequest) -> SIPTrunk

    init(_ trunk: @escaping @Sendable (DialRequest) -> SIPTrunk) { self.trunk = trunk }

    func plan(for request: DialRequest) async throws -> SIPCallPlan { SIPCallPlan(trunk: trunk(request), agent: nil) }
    func agentResult(callId: Int64) async throws -> AgentCallResult? { nil }
}
