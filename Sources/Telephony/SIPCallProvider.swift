import CampaignCore
import Dialer
import Foundation
import NIOCore
import SIPCore
import Synchronization

/// The `sip` carrier as the engine's ``CallProvider``: each call is a SIPCore ``UACCall`` driven over one UDP socket.
///
/// Every call's state lives on the socket's event loop: a datagram (routed by Call-ID), a timer a call asked for, and
/// the engine's `start` and `hangUp` all run there, one at a time, so a call's state machine is never entered twice
/// at once. What the calls report becomes the engine's ``Dialer/CallEvent``s, stamped with the injected clock and
/// handed out by ``events(campaignId:upTo:)``. A request for no call of ours gets SIPCore's stateless answer (200 to
/// OPTIONS, 481 to the rest, nothing to an ACK); a datagram that does not parse is dropped.
public final class SIPCallProvider: CallProvider {
    private let transport: SIPTransport
    private let trunk: SIPTrunk
    private let endpoint: SIPEndpoint
    private let now: @Sendable () -> Date
    private let state = Mutex(State())
    private let responder = StatelessResponder(tag: "outbound")
    /// The carrier's CPS as send slots; nil when it has no limit.
    private let pacer: Mutex<CallPacer?>

    private struct LiveCall {
        var call: UACCall
        let request: DialRequest
        let startedAt: Date
        var ringingAt: Date?
        var answeredAt: Date?
        var result: CallResult?
        var timers: [CallTimer: Scheduled<Void>] = [:]
    }

    private struct State {
        var calls: [String: LiveCall] = [:]
        var callIdsByEngineId: [Int64: String] = [:]
        var events: [Int64: [Dialer.CallEvent]] = [:]
        /// The results of the calls that ended most recently, for `reconcile` (a runner that took over a call whose
        /// end another runner of this process saw but did not record); the oldest are forgotten past a bound.
        var ended: [Int64: CallResult] = [:]
        var endedOrder: [Int64] = []
        static let endedKept = 10_000

        mutating func remember(_ result: CallResult, callId: Int64) {
            if ended.updateValue(result, forKey: callId) == nil { endedOrder.append(callId) }
            if endedOrder.count > Self.endedKept * 2 {
                for old in endedOrder.prefix(endedOrder.count - Self.endedKept) { ended[old] = nil }
                endedOrder.removeFirst(endedOrder.count - Self.endedKept)
            }
        }
    }

    public var limits: CallLimits {
        CallLimits(ringTimeout: trunk.ringTimeout, maximumDuration: trunk.maximumDuration)
    }

    /// The port the provider's SIP socket is bound to.
    public var sipPort: Int { transport.localPort }

    private init(transport: SIPTransport, trunk: SIPTrunk, endpoint: SIPEndpoint, now: @escaping @Sendable () -> Date) {
        self.transport = transport
        self.trunk = trunk
        self.endpoint = endpoint
        self.now = now
        pacer = Mutex(trunk.callsPerSecond.map { CallPacer(callsPerSecond: $0) })
    }

    /// Binds the endpoint's socket and returns a provider dialling through `trunk`; `now` stamps the events.
    public static func start(
        trunk: SIPTrunk, endpoint: SIPEndpoint, now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> SIPCallProvider {
        let box = ProviderBox()
        let transport = try await SIPTransport.bind(host: endpoint.bindHost, port: endpoint.bindPort) {
            bytes, address in
            box.provider?.received(bytes, from: address)
        }
        let provider = SIPCallProvider(transport: transport, trunk: trunk, endpoint: endpoint, now: now)
        box.provider = provider
        return provider
    }

    /// Closes the socket; live calls are abandoned (the engine's lease and reconcile take them over).
    public func shutdown() async { await transport.close() }

    // MARK: CallProvider

    /// Sends the INVITE, no sooner than the carrier's CPS allows (the wait happens here, before the call exists).
    public func start(_ request: DialRequest) async throws -> StartedCall {
        let configuration = CallConfiguration(
            destination: request.to, trunkHost: trunk.host, trunkPort: trunk.port, callerID: request.from,
            assertedIdentity: trunk.assertsIdentity ? request.from : nil,
            publicAddress: endpoint.publicAddress ?? endpoint.bindHost, sipPort: transport.localPort,
            rtpPort: endpoint.rtpPort, credentials: trunk.credentials,
            ringTimeout: .milliseconds(Int64(trunk.ringTimeout * 1000)), timers: trunk.timers)
        var generator = SystemRandomNumberGenerator()
        let identity = CallIdentity.random(using: &generator, host: configuration.publicAddress)
        if let slot = pacer.withLock({ $0?.slot(now: .now) }) {
            try await Task.sleep(until: slot, clock: .continuous)
        }
        let startedAt = now()
        try await transport.eventLoop.submit {
            var call = try UACCall(configuration: configuration, identity: identity)
            let actions = call.start()
            self.state.withLock { state in
                state.calls[identity.callID] = LiveCall(call: call, request: request, startedAt: startedAt)
                state.callIdsByEngineId[request.callId] = identity.callID
            }
            self.perform(actions, callID: identity.callID)
        }.get()
        return StartedCall(providerCallId: identity.callID)
    }

    public func hangUp(_ request: DialRequest, at: Date) async {
        try? await transport.eventLoop.submit {
            guard let callID = self.state.withLock({ $0.callIdsByEngineId[request.callId] }) else { return }
            self.drive(callID) { call in
                call.phase == .established ? call.hangUp() : call.cancel(.ringTimeout)
            }
        }.get()
    }

    public func events(campaignId: Int64, upTo now: Date) async -> [Dialer.CallEvent] {
        state.withLock { state in
            let due = state.events[campaignId] ?? []
            state.events[campaignId] = nil
            return due
        }
    }

    public func nextEventTime(campaignId: Int64) async -> Date? { nil }

    public func reconcile(_ request: DialRequest, now: Date) async -> CallStatus {
        state.withLock { state in
            if let result = state.ended[request.callId] { return .ended(result) }
            guard let callID = state.callIdsByEngineId[request.callId], let live = state.calls[callID] else {
                return .unknown
            }
            if live.answeredAt != nil { return .live(.answered, course: nil) }
            return .live(live.ringingAt == nil ? .dialing : .ringing, course: nil)
        }
    }

    // MARK: On the event loop

    private func received(_ bytes: [UInt8], from address: SocketAddress) {
        guard let message = try? SIPParser().parse(bytes) else { return }
        guard let callID = message.callID, state.withLock({ $0.calls[callID] != nil }) else {
            if case .request(let request) = message, let response = responder.respond(to: request) {
                send(.response(response))
            }
            return
        }
        drive(callID) { $0.receive(message) }
    }

    private func timerFired(_ timer: CallTimer, callID: String) {
        state.withLock { _ = $0.calls[callID]?.timers.removeValue(forKey: timer) }
        drive(callID) { $0.timerFired(timer) }
    }

    /// Runs `step` on the call's state machine and performs what it answers.
    private func drive(_ callID: String, _ step: (inout UACCall) -> [CallAction]) {
        let actions: [CallAction]? = state.withLock { state in
            guard var live = state.calls[callID] else { return nil }
            let actions = step(&live.call)
            state.calls[callID] = live
            return actions
        }
        if let actions { perform(actions, callID: callID) }
    }

    private func perform(_ actions: [CallAction], callID: String) {
        for action in actions {
            switch action {
            case .send(let message):
                send(message)
            case .startTimer(let timer, let delay):
                let scheduled = transport.eventLoop.scheduleTask(in: .nanoseconds(Self.nanoseconds(delay))) {
                    self.timerFired(timer, callID: callID)
                }
                state.withLock { state in
                    state.calls[callID]?.timers[timer]?.cancel()
                    state.calls[callID]?.timers[timer] = scheduled
                }
            case .cancelTimer(let timer):
                state.withLock { $0.calls[callID]?.timers.removeValue(forKey: timer)?.cancel() }
            case .event(let event):
                report(event, callID: callID)
            }
        }
        forgetIfFinished(callID)
    }

    private func send(_ message: SIPMessage) {
        let destination: HostPort
        switch message {
        case .request(let request): destination = request.nextHop
        case .response(let response):
            guard let via = try? response.headers.topVia() else { return }
            destination = via.responseDestination
        }
        guard let address = try? SocketAddress.makeAddressResolvingHost(destination.host, port: destination.port)
        else { return }
        transport.send(message.bytes, to: address)
    }

    private func report(_ event: SIPCore.CallEvent, callID: String) {
        let at = now()
        state.withLock { state in
            guard var live = state.calls[callID] else { return }
            let request = live.request
            var out: [Dialer.CallEvent] = []
            func emit(_ kind: Dialer.CallEvent.Kind) {
                out.append(
                    Dialer.CallEvent(
                        callId: request.callId, campaignId: request.campaignId, providerCallId: callID, at: at,
                        kind: kind))
            }
            switch event {
            case .trying:
                break
            case .ringing, .earlyMedia:
                if live.ringingAt == nil {
                    live.ringingAt = at
                    emit(.ringing)
                }
            case .answered:
                guard live.answeredAt == nil else { break }
                live.answeredAt = at
                emit(.answered(by: nil))
            case .ended(let ending):
                guard live.result == nil else { break }
                let result = CallResult(
                    startedAt: live.startedAt, answeredAt: live.answeredAt, endedAt: at,
                    outcome: Self.outcome(ending.outcome))
                live.result = result
                state.remember(result, callId: request.callId)
                emit(.ended(result))
            }
            state.calls[callID] = live
            state.events[request.campaignId, default: []] += out
        }
    }

    /// Drops a call whose state machine has nothing left to absorb (Timers D and K done).
    private func forgetIfFinished(_ callID: String) {
        state.withLock { state in
            guard let live = state.calls[callID], live.call.isFinished else { return }
            for timer in live.timers.values { timer.cancel() }
            state.calls[callID] = nil
            state.callIdsByEngineId[live.request.callId] = nil
        }
    }

    static func outcome(_ outcome: SIPCallOutcome) -> CallOutcome {
        switch outcome {
        case .answered: .answered
        case .busy: .busy
        case .rejected: .rejected
        case .invalidNumber: .invalidNumber
        case .noAnswer: .noAnswer
        case .failed: .failed
        case .cancelled: .cancelled
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// Lets the socket's read handler reach the provider built after the socket is bound.
private final class ProviderBox: Sendable {
    private let value = Mutex<SIPCallProvider?>(nil)

    var provider: SIPCallProvider? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
