import CampaignCore
import Dialer
import Foundation
import OutboundApp
import Synchronization
import Testing

@Suite("CarrierRouter: each call to its carrier's provider; a sip call without a SIP endpoint refused")
struct CarrierRouterTests {
    /// A provider that remembers what it was asked and ends each call it started at once.
    final class RecordingProvider: CallProvider {
        let name: String
        let started = Mutex<[Int64]>([])
        let reconciled = Mutex<[Int64]>([])
        let limits: CallLimits

        init(_ name: String, ringTimeout: TimeInterval) {
            self.name = name
            limits = CallLimits(ringTimeout: ringTimeout, maximumDuration: 600)
        }

        func start(_ request: DialRequest) async throws -> StartedCall {
            started.withLock { $0.append(request.callId) }
            return StartedCall(providerCallId: "\(name)-\(request.callId)")
        }

        func hangUp(_ request: DialRequest, at: Date) async {}

        func events(campaignId: Int64, upTo now: Date) async -> [CallEvent] {
            started.withLock { $0 }.map {
                CallEvent(
                    callId: $0, campaignId: campaignId, at: now,
                    kind: .ended(CallResult(startedAt: now, answeredAt: nil, endedAt: now, outcome: .noAnswer)))
            }
        }

        func nextEventTime(campaignId: Int64) async -> Date? { nil }

        func reconcile(_ request: DialRequest, now: Date) async -> CallStatus {
            reconciled.withLock { $0.append(request.callId) }
            return .unknown
        }
    }

    static func request(_ callId: Int64, from: String) -> DialRequest {
        DialRequest(
            callId: callId, campaignId: 1, to: "+12125550100", from: from, queuedAt: Date(timeIntervalSince1970: 0))
    }

    /// Calls 1–9 are from a sip carrier's number, the rest from a simulator carrier's.
    static func kind(_ callId: Int64) -> CarrierKind? { callId < 10 ? .sip : .simulator }

    @Test("sip calls go to the sip provider, the others to the simulator; the limits are the longer of both")
    func routes() async throws {
        let simulator = RecordingProvider("sim", ringTimeout: 30)
        let sip = RecordingProvider("sip", ringTimeout: 45)
        let router = CarrierRouter(simulator: simulator, sip: sip, kindOfCall: { Self.kind($0) })
        _ = try await router.start(Self.request(1, from: "+14155550100"))
        _ = try await router.start(Self.request(11, from: "+14155550199"))
        #expect(sip.started.withLock { $0 } == [1] && simulator.started.withLock { $0 } == [11])
        #expect(router.limits.ringTimeout == 45)
        let events = await router.events(campaignId: 1, upTo: Date(timeIntervalSince1970: 0))
        #expect(Set(events.map(\.callId)) == [1, 11])
    }

    @Test("without a SIP endpoint a sip call is refused with the reason; a simulator call still goes")
    func noEndpoint() async throws {
        let simulator = RecordingProvider("sim", ringTimeout: 30)
        let router = CarrierRouter(simulator: simulator, sip: nil, kindOfCall: { Self.kind($0) })
        let refusal = await #expect(throws: AppFailure.self) {
            _ = try await router.start(Self.request(2, from: "+14155550100"))
        }
        #expect(refusal?.message.contains("--sip-bind") == true)
        _ = try await router.start(Self.request(12, from: "+14155550199"))
        #expect(simulator.started.withLock { $0 } == [12], "the refused call was never simulated")
    }

    @Test("a call of an earlier process is reconciled by its carrier's provider, never simulated when real")
    func reconcileAfterRestart() async throws {
        let simulator = RecordingProvider("sim", ringTimeout: 30)
        let sip = RecordingProvider("sip", ringTimeout: 30)
        let router = CarrierRouter(simulator: simulator, sip: sip, kindOfCall: { Self.kind($0) })
        _ = await router.reconcile(Self.request(3, from: "+14155550100"), now: Date())
        _ = await router.reconcile(Self.request(13, from: "+14155550199"), now: Date())
        #expect(sip.reconciled.withLock { $0 } == [3] && simulator.reconciled.withLock { $0 } == [13])
        let alone = CarrierRouter(simulator: simulator, sip: nil, kindOfCall: { Self.kind($0) })
        #expect(await alone.reconcile(Self.request(4, from: "+14155550100"), now: Date()) == .unknown)
        #expect(simulator.reconciled.withLock { $0 } == [13], "no simulated answer for a real call")
    }

    @Test("--sip-bind, --sip-public-address and --rtp-ports: read, or refused naming the option")
    func listenOptions() throws {
        let options = try SIPListenOptions(bind: "[::]:5060", publicAddress: "203.0.113.7", rtpPorts: "30000-30999")
        #expect(options.bindHost == "::" && options.bindPort == 5060 && options.rtpPorts == 30_000...30_999)
        #expect(try SIPListenOptions(bind: "0.0.0.0:0", publicAddress: nil, rtpPorts: nil).rtpPorts == 20_000...29_999)
        for (bind, rtp, option) in [
            ("0.0.0.0", nil, "--sip-bind"), (":5060", nil, "--sip-bind"), ("host:65536", nil, "--sip-bind"),
            ("0.0.0.0:5060", "30000", "--rtp-ports"), ("0.0.0.0:5060", "500-600", "--rtp-ports"),
            ("0.0.0.0:5060", "3000-2000", "--rtp-ports"),
        ] as [(String, String?, String)] {
            let failure = #expect(throws: AppFailure.self) {
                _ = try SIPListenOptions(bind: bind, publicAddress: nil, rtpPorts: rtp)
            }
            #expect(failure?.message.hasPrefix(option) == true, "\(bind) \(rtp ?? "")")
        }
    }
}
