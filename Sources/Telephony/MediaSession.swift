import CampaignCore
import Foundation
import Logging
import MediaCore
import NIOCore
import NIOPosix
import Synchronization

/// What a call's media tells the provider, on the call's event loop.
enum MediaSessionEvent: Sendable, Equatable {
    /// Machine detection decided who answered.
    case decided(AnsweredBy)
    /// The agent closed its socket: the call is to be hung up.
    case agentClosed
    /// The agent's stream URL did not connect: the call is to be hung up.
    case agentUnreachable(String)
}

/// One call's media: its RTP socket (symmetric: we send from the port we receive on), machine detection on the
/// callee's audio, and once the stream starts a ``MediaBridge`` between the RTP and the agent's WebSocket, ticked at
/// its 20 ms deadlines. Every method runs on `eventLoop` (the provider's), which also owns the socket.
///
/// RTP goes to the address of the SDP answer until the callee's first RTP packet arrives; from then on it goes to
/// where that packet came from (latching, for carriers behind NAT), and packets from any other source are dropped.
///
/// Each bridged packet's time inside the bridge is counted (one clock read each side): a callee RTP packet from its
/// arrival to the write of its `media` frame to the agent's socket, an agent `media` frame from its arrival to the
/// tick that sends its last byte as RTP.
final class MediaSession: @unchecked Sendable {
    let eventLoop: any EventLoop
    let port: Int
    private let channel: any Channel
    private let origin = ContinuousClock.now
    private let logger: Logger
    private let onEvent: @Sendable (MediaSessionEvent) -> Void

    private var remote: SocketAddress?
    private var latched = false
    private var detection: (any AnsweredByDetection)?
    private var detectionTimer: Scheduled<Void>?
    private var bridge: MediaBridge?
    private var tickTimer: Scheduled<Void>?
    private var agent: AgentConnection?
    private var agentUnreachable = false
    private var stopped = false
    private var counters: MediaStatistics
    /// Callee packets' delays, counted where the agent's socket writes them (off the event loop).
    private let written = SharedDelayTally()
    /// The agent's audio not yet played: where each frame's last byte falls in the sender's byte count, and when the
    /// frame arrived; `pendingHead` is the first still waiting.
    private var pendingAudio: [(end: Int, arrived: ContinuousClock.Instant)] = []
    private var pendingHead = 0
    /// When the agent frame played last went out (the next one could not go before it).
    private var previousDeparture: ContinuousClock.Instant?

    private init(
        channel: any Channel, port: Int, logger: Logger, onEvent: @escaping @Sendable (MediaSessionEvent) -> Void
    ) {
        self.channel = channel
        self.eventLoop = channel.eventLoop
        self.port = port
        self.logger = logger
        self.onEvent = onEvent
        counters = MediaStatistics(localPort: port)
    }

    /// Binds `host:port` on `eventLoop` and returns the session reading it.
    static func open(
        host: String, port: Int, eventLoop: any EventLoop, logger: Logger,
        onEvent: @escaping @Sendable (MediaSessionEvent) -> Void
    ) async throws -> MediaSession {
        let binding = LateBinding<MediaSession>()
        let channel = try await DatagramBootstrap(group: eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        DatagramHandler { bytes, address in binding.value?.received(bytes, from: address) })
                }
            }
            .bind(host: host, port: port).get()
        let session = MediaSession(channel: channel, port: port, logger: logger, onEvent: onEvent)
        binding.value = session
        return session
    }

    private var now: MediaInstant { MediaInstant(ContinuousClock.now - origin) }

    /// What the media did so far.
    var statistics: MediaStatistics {
        var statistics = counters
        statistics.agentAudioBytesSent = bridge?.sender.playedBytes ?? 0
        statistics.calleeToAgent = written.tally.withLock { $0 }
        if let bridge { statistics.countCalleeLoss(bridge.receiver.statistics) }
        return statistics
    }

    /// Whether an agent's stream was started and may still report a result (it did not fail to connect).
    var mayReportResult: Bool { bridge != nil && !agentUnreachable }

    /// The SDP answer (of a 183 or the 200) says where the callee's audio is; ignored once latched. Only an IP
    /// address is taken (no name is resolved on the event loop); with a name, RTP goes out once the callee's first
    /// packet has been latched onto.
    func answered(address: String, port: Int) {
        guard !latched, !stopped else { return }
        remote = try? SocketAddress(ipAddress: address, port: port)
    }

    /// The call was answered: detection begins; its decision is reported as ``MediaSessionEvent/decided(_:)``.
    func beginDetection(with detector: any AnsweredByDetector) {
        guard detection == nil, !stopped else { return }
        detection = detector.begin(at: now)
        checkDetection()
    }

    /// Opens the agent's WebSocket and starts bridging (connected, start, then media both ways).
    func startStream(url: URL, stream: StreamStart) {
        guard bridge == nil, !stopped else { return }
        var generator = SystemRandomNumberGenerator()
        let sender = RTPSender(
            ssrc: generator.next(), initialSequenceNumber: generator.next(), initialTimestamp: generator.next(),
            start: now)
        bridge = MediaBridge(stream: stream, sender: sender)
        let loop = eventLoop
        let written = written
        agent = AgentConnection(
            url: url, logger: logger,
            onOpened: { loop.execute { self.counters.agentConnected = true } },
            onText: { text, arrived in loop.execute { self.agentText(text, arrived: arrived) } },
            onWritten: { delay in written.tally.withLock { $0.record(delay) } },
            onClosed: { closure in loop.execute { self.agentClosed(closure) } })
        perform(bridge!.start(at: now))
        scheduleTick()
    }

    /// The call ended: `stop` to the agent (unless the agent ended it), the socket closed and `release` called once
    /// the port is free again.
    func stop(calleeHungUp: Bool, release: @escaping @Sendable () -> Void) {
        guard !stopped else { return }
        if var bridge {
            let actions = calleeHungUp ? bridge.calleeHungUp(at: now) : bridge.end(at: now)
            self.bridge = bridge
            perform(actions)
        }
        stopped = true
        tickTimer?.cancel()
        detectionTimer?.cancel()
        agent?.close()
        channel.close(promise: nil)
        channel.closeFuture.whenComplete { _ in release() }
    }

    // MARK: Inputs

    private func received(_ bytes: [UInt8], from address: SocketAddress) {
        guard !stopped, bytes.count >= 12, bytes[0] >> 6 == 2 else { return }
        let arrival = ContinuousClock.now
        let now = MediaInstant(arrival - origin)
        if latched {
            guard address == remote else { return }
        } else {
            latched = true
            remote = address
            counters.latchedSource = "\(address.ipAddress ?? "?"):\(address.port ?? 0)"
        }
        counters.datagramsReceived += 1
        if var detection, detection.decision == nil {
            if let packet = try? RTPPacket(parsing: bytes), packet.payloadType == 0 {
                detection.listen(packet.payload, at: now)
                self.detection = detection
                checkDetection()
            }
        }
        if var bridge {
            let actions = bridge.calleeDatagram(bytes, at: now)
            self.bridge = bridge
            perform(actions, arrived: arrival)
        }
    }

    private func agentText(_ text: String, arrived: ContinuousClock.Instant) {
        guard var bridge, !stopped else { return }
        counters.textsFromAgent += 1
        let queued = bridge.sender.queuedBytesTotal
        let cleared = bridge.sender.clearedBytes
        let actions = bridge.agentText(text, at: now)
        self.bridge = bridge
        if bridge.sender.queuedBytesTotal > queued {
            pendingAudio.append((bridge.sender.queuedBytesTotal, arrived))
        }
        if bridge.sender.clearedBytes > cleared {
            counters.agentFramesDropped += pendingAudio.count - pendingHead
            pendingAudio.removeAll(keepingCapacity: true)
            pendingHead = 0
        }
        for case .refused(.tooLarge) in actions { counters.agentFramesDropped += 1 }
        perform(actions)
    }

    /// Counts the delay of every agent frame whose last byte has now been sent.
    private func countPlayedAudio(at departure: ContinuousClock.Instant) {
        guard let played = bridge?.sender.playedBytes else { return }
        while pendingHead < pendingAudio.count, pendingAudio[pendingHead].end <= played {
            let arrived = pendingAudio[pendingHead].arrived
            counters.agentToCalleeQueued.record(departure - arrived)
            counters.agentToCallee.record(departure - max(arrived, previousDeparture ?? arrived))
            previousDeparture = departure
            pendingHead += 1
        }
        if pendingHead > 256, pendingHead * 2 > pendingAudio.count {
            pendingAudio.removeFirst(pendingHead)
            pendingHead = 0
        }
    }

    private func agentClosed(_ closure: AgentClosure) {
        guard var bridge, bridge.phase != .closed else { return }
        switch closure {
        case .closed:
            let actions = bridge.agentClosed(at: now)
            self.bridge = bridge
            perform(actions)
        case .unreachable(let reason):
            _ = bridge.agentClosed(at: now)
            self.bridge = bridge
            agentUnreachable = true
            tickTimer?.cancel()
            onEvent(.agentUnreachable(reason))
        }
    }

    // MARK: Timers and actions

    private func checkDetection() {
        detectionTimer?.cancel()
        detectionTimer = nil
        guard let detection else { return }
        if let decision = detection.decision {
            counters.answeredBy = decision.rawValue
            onEvent(.decided(decision))
        } else if let deadline = detection.deadline {
            detectionTimer = eventLoop.scheduleTask(in: delay(until: deadline)) {
                guard var detection = self.detection, !self.stopped else { return }
                detection.timeUp(at: self.now)
                self.detection = detection
                self.checkDetection()
            }
        }
    }

    private func scheduleTick() {
        tickTimer?.cancel()
        guard !stopped, let deadline = bridge?.nextDeadline else { return }
        tickTimer = eventLoop.scheduleTask(in: delay(until: deadline)) {
            guard var bridge = self.bridge, !self.stopped else { return }
            let departure = ContinuousClock.now
            let actions = bridge.tick(at: MediaInstant(departure - self.origin))
            self.bridge = bridge
            self.perform(actions)
            self.countPlayedAudio(at: departure)
            self.scheduleTick()
        }
    }

    private func delay(until deadline: MediaInstant) -> TimeAmount {
        let (seconds, attoseconds) = deadline.duration(since: now).components
        return .nanoseconds(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
    }

    private func perform(_ actions: [BridgeAction], arrived: ContinuousClock.Instant? = nil) {
        for action in actions {
            switch action {
            case .sendRTP(let bytes):
                guard let remote else { continue }
                counters.datagramsSent += 1
                channel.writeAndFlush(
                    AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: bytes)), promise: nil)
            case .sendText(let text):
                counters.textsToAgent += 1
                agent?.send(text, arrived: arrived)
            case .refused(let error):
                counters.refused += 1
                logger.debug("media refused", metadata: ["error": "\(error)"])
            case .close(let ending):
                tickTimer?.cancel()
                agent?.close()
                if ending == .agentClosed { onEvent(.agentClosed) }
            }
        }
    }
}

/// A delay tally added to from the agent socket's task and read on the event loop.
private final class SharedDelayTally: Sendable {
    let tally = Mutex(PacketDelayTally())
}
