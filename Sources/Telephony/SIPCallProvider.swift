import CampaignCore
import Dialer
import Foundation
import Logging
import MediaCore
import NIOCore
import SIPCore
import Synchronization

/// The `sip` carrier as the engine's ``CallProvider``: each call is a SIPCore ``UACCall`` driven over one UDP socket
/// for every trunk, with its media on an RTP socket of its own.
///
/// A call's trunk and agent come from the ``SIPCallDirectory`` when it starts (a plan that cannot be made fails the
/// call, as an event). Every call's state lives on the SIP socket's event loop: a datagram (routed by Call-ID), an RTP
/// datagram, a timer a call asked for, the agent's messages and the engine's `start` and `hangUp` all run there, one
/// at a time. What the calls report becomes the engine's ``Dialer/CallEvent``s, stamped with the injected clock and
/// handed out by ``events(campaignId:upTo:)``. A request for no call of ours gets SIPCore's stateless answer (200 to
/// OPTIONS, 481 to the rest, nothing to an ACK); a datagram that does not parse is dropped.
///
/// An answered call with an agent is bridged once machine detection decides (SPEC §12); when it ends, its `ended`
/// event waits for the agent's result (``SIPCallDirectory/agentResult(callId:)``, polled) or the plan's result grace,
/// whichever comes first, and carries the result's disposition, turns and callback time.
public final class SIPCallProvider: CallProvider {
    let transport: SIPTransport
    let endpoint: SIPEndpoint
    let directory: any SIPCallDirectory
    let detector: any AnsweredByDetector
    let now: @Sendable () -> Date
    let logger: Logger
    let ports: RTPPortPool
    let state = Mutex(State())
    private let responder = StatelessResponder(tag: "outbound")
    /// Each trunk's CPS as send slots, keyed by the trunk's host:port.
    private let pacers = Mutex<[String: CallPacer]>([:])
    /// How often the directory is asked for an ended call's agent result.
    let resultPollInterval: Duration

    struct LiveCall {
        var call: UACCall
        let request: DialRequest
        let plan: SIPCallPlan
        let media: MediaSession
        let startedAt: Date
        var ringingAt: Date?
        var answeredAt: Date?
        var answeredBy: AnsweredBy?
        var answerReported = false
        /// We asked for the call's end (BYE or CANCEL) already: a second ask (the engine's hang-up after the agent
        /// closed, say) must not send a second BYE.
        var endRequested = false
        var result: CallResult?
        var timers: [CallTimer: Scheduled<Void>] = [:]
        var durationTimer: Scheduled<Void>?
    }

    struct State {
        var calls: [String: LiveCall] = [:]
        var callIdsByEngineId: [Int64: String] = [:]
        var events: [Int64: [Dialer.CallEvent]] = [:]
        /// Calls that ended and wait for their agent's result (or the grace), by engine call id: their `ended` event
        /// as it would go out without a result.
        var awaitingResult: [Int64: Dialer.CallEvent] = [:]
        /// The results of the calls that ended most recently, for `reconcile` (a runner that took over a call whose
        /// end another runner of this process saw but did not record); the oldest are forgotten past a bound.
        var ended: [Int64: CallResult] = [:]
        var media: [Int64: MediaStatistics] = [:]
        var endedOrder: [Int64] = []
        /// ``shutdown(drain:)`` has taken the ends the engine had not: nothing more is emitted.
        var shutDown = false
        static let endedKept = 10_000

        mutating func remember(_ result: CallResult, callId: Int64) {
            if ended.updateValue(result, forKey: callId) == nil { endedOrder.append(callId) }
            if endedOrder.count > Self.endedKept * 2 {
                for old in endedOrder.prefix(endedOrder.count - Self.endedKept) {
                    ended[old] = nil
                    media[old] = nil
                }
                endedOrder.removeFirst(endedOrder.count - Self.endedKept)
            }
        }
    }

    /// The engine's backstop limits: longer than any trunk's ring timeout, and longer than any call plus its BYE
    /// (Timer F) plus the longest result grace, so the engine never forces the end of a call that is only waiting for
    /// its agent's result (and keeps renewing its lease meanwhile).
    public var limits: CallLimits { Self.engineLimits(for: endpoint) }

    /// The engine's limits for a provider on `endpoint`: the ring timeout 10 s past the longest trunk's, the maximum
    /// duration the longest call plus the longest result grace plus a minute (a BYE's Timer F is 32 s).
    public static func engineLimits(for endpoint: SIPEndpoint) -> CallLimits {
        CallLimits(
            ringTimeout: endpoint.maximumRingTimeout + 10,
            maximumDuration: endpoint.maximumCallDuration + endpoint.maximumResultGrace + 60)
    }

    /// The port the provider's SIP socket is bound to.
    public var sipPort: Int { transport.localPort }

    /// RTP ports held by calls now.
    public var rtpPortsInUse: Int { ports.inUse }

    private init(
        transport: SIPTransport, endpoint: SIPEndpoint, directory: any SIPCallDirectory,
        detector: any AnsweredByDetector,
        resultPollInterval: Duration, logger: Logger, now: @escaping @Sendable () -> Date
    ) {
        self.transport = transport
        self.endpoint = endpoint
        self.directory = directory
        self.detector = detector
        self.resultPollInterval = resultPollInterval
        self.logger = logger
        self.now = now
        ports = RTPPortPool(range: endpoint.rtpPorts)
    }

    /// Binds the endpoint's SIP socket and returns a provider dialling each call through the trunk its plan names;
    /// `now` stamps the events.
    public static func start(
        endpoint: SIPEndpoint, directory: any SIPCallDirectory,
        detector: any AnsweredByDetector = UndecidedAnsweredByDetector(),
        resultPollInterval: Duration = .milliseconds(200),
        logger: Logger = Logger(label: "outbound.sip"), now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> SIPCallProvider {
        let binding = LateBinding<SIPCallProvider>()
        let transport = try await SIPTransport.bind(host: endpoint.bindHost, port: endpoint.bindPort) {
            bytes, address in
            binding.value?.received(bytes, from: address)
        }
        let provider = SIPCallProvider(
            transport: transport, endpoint: endpoint, directory: directory, detector: detector,
            resultPollInterval: resultPollInterval, logger: logger, now: now)
        binding.value = provider
        return provider
    }

    /// Stops the provider: every live call is ended first (CANCEL while it rings, outcome `cancelled`; BYE once
    /// answered), for up to `drain` while their answers come; then the agents still connected are sent `stop`, the
    /// RTP sockets and the SIP socket closed. Answers the `ended` events the engine has not taken (those of the
    /// calls just ended, and of calls waiting for their agent's result, which is not waited for: the store takes a
    /// report already stored when it records the end), for the caller to record. A call still not ended after
    /// `drain` is abandoned: the engine's lease and reconcile take it over after a restart.
    @discardableResult
    public func shutdown(drain: Duration = .seconds(3)) async -> [Dialer.CallEvent] {
        let live = state.withLock { state in state.calls.filter { $0.value.result == nil }.map(\.key) }
        try? await transport.eventLoop.submit {
            for callID in live { self.endCall(callID, cancelReason: .engine) }
        }.get()
        let deadline = ContinuousClock.now + drain
        while ContinuousClock.now < deadline,
            state.withLock({ state in live.contains { state.calls[$0]?.result == nil && state.calls[$0] != nil } })
        {
            try? await Task.sleep(for: .milliseconds(20))
        }
        try? await transport.eventLoop.submit {
            let media = self.state.withLock { $0.calls.values.map(\.media) }
            for session in media {
                session.stop(calleeHungUp: false) { [ports = self.ports] in ports.release(session.port) }
            }
        }.get()
        await transport.close()
        return state.withLock { state in
            var ended = state.events.values.joined().filter {
                if case .ended = $0.kind { return true }
                return false
            }
            ended += state.awaitingResult.values
            state.events = [:]
            state.awaitingResult = [:]
            state.shutDown = true
            return ended
        }
    }

    /// What a call's media did (kept for the calls that ended most recently); nil for a call without media.
    public func mediaStatistics(callId: Int64) async -> MediaStatistics? {
        if let kept = state.withLock({ $0.media[callId] }) { return kept }
        return try? await transport.eventLoop.submit { () -> MediaStatistics? in
            guard let callID = self.state.withLock({ $0.callIdsByEngineId[callId] }),
                let media = self.state.withLock({ $0.calls[callID]?.media })
            else { return nil }
            return media.statistics
        }.get()
    }

    // MARK: CallProvider

    /// Asks the directory for the call's plan, waits for a send slot of the trunk's CPS, takes an RTP port, then
    /// sends the INVITE. A plan that throws, or no free RTP port, fails the call with an `ended` event.
    public func start(_ request: DialRequest) async throws -> StartedCall {
        let plan: SIPCallPlan
        do {
            plan = try await directory.plan(for: request)
        } catch {
            return fail(request, reason: "no plan for the call: \(error)")
        }
        let trunk = plan.trunk
        if let cps = trunk.callsPerSecond {
            let key = "\(trunk.host):\(trunk.port ?? 5060)"
            let slot = pacers.withLock { pacers in
                var pacer = pacers[key] ?? CallPacer(callsPerSecond: cps)
                if pacer.spacing != CallPacer(callsPerSecond: cps).spacing { pacer = CallPacer(callsPerSecond: cps) }
                let slot = pacer.slot(now: .now)
                pacers[key] = pacer
                return slot
            }
            try await Task.sleep(until: slot, clock: .continuous)
        }
        let publicAddress = endpoint.publicAddress ?? endpoint.bindHost
        var generator = SystemRandomNumberGenerator()
        let identity = CallIdentity.random(using: &generator, host: publicAddress)
        guard let media = await openMedia(callID: identity.callID) else {
            return fail(request, reason: "no free RTP port in \(endpoint.rtpPorts)")
        }
        let configuration = CallConfiguration(
            destination: request.to, trunkHost: trunk.host, trunkPort: trunk.port, callerID: request.from,
            assertedIdentity: trunk.assertsIdentity ? request.from : nil, publicAddress: publicAddress,
            sipPort: transport.localPort, rtpPort: media.port, credentials: trunk.credentials,
            ringTimeout: Self.duration(min(trunk.ringTimeout, endpoint.maximumRingTimeout)), timers: trunk.timers)
        let startedAt = now()
        let maximumDuration = Self.duration(min(trunk.maximumDuration, endpoint.maximumCallDuration))
        do {
            try await transport.eventLoop.submit {
                var call = try UACCall(configuration: configuration, identity: identity)
                let actions = call.start()
                let durationTimer = self.transport.eventLoop.scheduleTask(in: Self.timeAmount(maximumDuration)) {
                    self.endCall(identity.callID, cancelReason: .ringTimeout)
                }
                self.state.withLock { state in
                    state.calls[identity.callID] = LiveCall(
                        call: call, request: request, plan: plan, media: media, startedAt: startedAt,
                        durationTimer: durationTimer)
                    state.callIdsByEngineId[request.callId] = identity.callID
                }
                self.perform(actions, callID: identity.callID)
            }.get()
        } catch {
            let ports = ports
            media.eventLoop.execute { media.stop(calleeHungUp: false) { ports.release(media.port) } }
            return fail(request, reason: "the call could not be built: \(error)")
        }
        return StartedCall(providerCallId: identity.callID)
    }

    public func hangUp(_ request: DialRequest, at: Date) async {
        try? await transport.eventLoop.submit {
            guard let callID = self.state.withLock({ $0.callIdsByEngineId[request.callId] }) else { return }
            self.endCall(callID, cancelReason: .ringTimeout)
        }.get()
    }

    public func cancelUnanswered(_ request: DialRequest, at: Date) async {
        try? await transport.eventLoop.submit {
            guard let callID = self.state.withLock({ $0.callIdsByEngineId[request.callId] }),
                self.state.withLock({ $0.calls[callID]?.answeredAt == nil })
            else { return }
            self.endCall(callID, cancelReason: .engine)
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
            if state.awaitingResult[request.callId] != nil { return .live(.answered, course: nil) }
            guard let callID = state.callIdsByEngineId[request.callId], let live = state.calls[callID] else {
                return .unknown
            }
            if live.answeredAt != nil { return .live(.answered, course: nil) }
            return .live(live.ringingAt == nil ? .dialing : .ringing, course: nil)
        }
    }

    // MARK: Starting

    /// Binds an RTP socket on the next free even port that binds (another process may hold some).
    private func openMedia(callID: String) async -> MediaSession? {
        for _ in 0..<max(1, ports.capacity) {
            guard let port = ports.take() else { return nil }
            do {
                return try await MediaSession.open(
                    host: endpoint.bindHost, port: port, eventLoop: transport.eventLoop, logger: logger
                ) { [weak self] event in self?.mediaEvent(event, callID: callID) }
            } catch {
                logger.debug("RTP port did not bind", metadata: ["port": "\(port)", "error": "\(error)"])
                ports.release(port)
            }
        }
        return nil
    }

    /// Reports a call that could not be placed as ended `failed`, at once.
    private func fail(_ request: DialRequest, reason: String) -> StartedCall {
        logger.warning(
            "sip call failed before its INVITE", metadata: ["call": "\(request.callId)", "reason": "\(reason)"])
        let at = now()
        let providerCallId = "failed-\(request.callId)"
        let result = CallResult(startedAt: at, answeredAt: nil, endedAt: at, outcome: .failed)
        state.withLock { state in
            state.remember(result, callId: request.callId)
            state.events[request.campaignId, default: []].append(
                Dialer.CallEvent(
                    callId: request.callId, campaignId: request.campaignId, providerCallId: providerCallId, at: at,
                    kind: .ended(result)))
        }
        return StartedCall(providerCallId: providerCallId)
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

    /// Hangs up an answered call (BYE) or cancels one still ringing.
    func endCall(_ callID: String, cancelReason: CancelReason) {
        let first = state.withLock { state -> Bool in
            guard var live = state.calls[callID], !live.endRequested, live.result == nil else { return false }
            live.endRequested = true
            state.calls[callID] = live
            return true
        }
        guard first else { return }
        drive(callID) { call in
            call.phase == .established ? call.hangUp() : call.cancel(cancelReason)
        }
    }

    private func timerFired(_ timer: CallTimer, callID: String) {
        state.withLock { _ = $0.calls[callID]?.timers.removeValue(forKey: timer) }
        drive(callID) { $0.timerFired(timer) }
    }

    /// Runs `step` on the call's state machine and performs what it answers.
    func drive(_ callID: String, _ step: (inout UACCall) -> [CallAction]) {
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
                let scheduled = transport.eventLoop.scheduleTask(in: Self.timeAmount(delay)) {
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

    /// Drops a call whose state machine has nothing left to absorb (Timers D and K done).
    private func forgetIfFinished(_ callID: String) {
        state.withLock { state in
            guard let live = state.calls[callID], live.call.isFinished else { return }
            for timer in live.timers.values { timer.cancel() }
            live.durationTimer?.cancel()
            state.calls[callID] = nil
            if state.callIdsByEngineId[live.request.callId] == callID {
                state.callIdsByEngineId[live.request.callId] = nil
            }
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

    static func duration(_ seconds: TimeInterval) -> Duration { .milliseconds(Int64(seconds * 1000)) }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
