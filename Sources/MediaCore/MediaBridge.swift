/// Bridges one answered call's RTP to an agent's Twilio Media Streams WebSocket, as a state machine that
/// returns actions and is told the time with every input.
///
/// `start` sends `connected` and `start`. Callee RTP goes through an `RTPReceiver` (duplicates, late packets
/// and jumps are dropped) and becomes `media` messages (PCMU) or `dtmf` messages (telephone-event, one per
/// press). The agent's `media` is queued in an `RTPSender` and paced out at 20 ms on `tick`, silence filling
/// the gaps; a `mark` is echoed once the audio queued before it has been sent (at once if none is queued);
/// `clear` drops the queue and echoes the pending marks, as Twilio does. The callee hanging up, or the engine
/// ending the call, sends `stop` and closes; the agent closing its socket closes without `stop`.
public struct MediaBridge: Sendable {
    /// Where the bridge is in its life.
    public enum Phase: Equatable, Sendable {
        /// Built, nothing sent yet.
        case idle
        /// `start` sent; audio flows both ways.
        case streaming
        /// Closed; every input is ignored.
        case closed
    }

    /// The identifiers and parameters given to the agent.
    public let stream: StreamStart
    /// The RTP payload type of the callee's audio (0, PCMU).
    public let audioPayloadType: UInt8
    /// The RTP payload type of telephone events (101 in our SDP offer).
    public let eventPayloadType: UInt8
    /// The most agent audio held at once (Twilio buffers about 10 minutes); beyond it `media` is refused.
    public let maximumQueuedBytes: Int
    /// Where the bridge is.
    public private(set) var phase: Phase = .idle
    /// The outgoing stream (agent → callee).
    public private(set) var sender: RTPSender
    /// The incoming stream (callee → agent).
    public private(set) var receiver: RTPReceiver

    private var detector = DTMFDetector()
    private var pendingMarks: [(name: String, position: Int)] = []
    private var sequenceNumber = 0
    private var chunk = 0
    private var startedAt = MediaInstant.zero

    /// A bridge for one call. `sender` holds the random SSRC, sequence number and timestamp the owner drew; its
    /// start instant is replaced by the instant given to `start(at:)`.
    public init(
        stream: StreamStart, sender: RTPSender, receiver: RTPReceiver = RTPReceiver(), audioPayloadType: UInt8 = 0,
        eventPayloadType: UInt8 = 101, maximumQueuedBytes: Int = 8000 * 600
    ) {
        self.stream = stream
        self.sender = sender
        self.receiver = receiver
        self.audioPayloadType = audioPayloadType
        self.eventPayloadType = eventPayloadType
        self.maximumQueuedBytes = maximumQueuedBytes
    }

    /// When `tick` is next needed, while streaming.
    public var nextDeadline: MediaInstant? { phase == .streaming ? sender.nextDeadline : nil }

    /// Names of the marks not yet echoed, oldest first.
    public var unechoedMarks: [String] { pendingMarks.map(\.name) }

    /// Opens the stream: `connected`, then `start`. The first RTP frame is due at `now`.
    public mutating func start(at now: MediaInstant) -> [BridgeAction] {
        guard phase == .idle else { return [] }
        phase = .streaming
        startedAt = now
        sender = RTPSender(
            ssrc: sender.ssrc, initialSequenceNumber: sender.nextSequenceNumber, initialTimestamp: sender.nextTimestamp,
            start: now, payloadType: sender.payloadType, maximumBurst: sender.maximumBurst)
        return [send(.connected), send(.start)]
    }

    /// One datagram from the callee's RTP port.
    public mutating func calleeDatagram(_ datagram: [UInt8], at now: MediaInstant) -> [BridgeAction] {
        guard phase == .streaming else { return [] }
        let packet: RTPPacket
        do {
            packet = try RTPPacket(parsing: datagram)
        } catch {
            return [.refused(error)]
        }
        guard packet.payloadType == audioPayloadType || packet.payloadType == eventPayloadType else { return [] }
        guard case .accepted = receiver.receive(packet, at: now) else { return [] }
        if packet.payloadType == eventPayloadType {
            return detector.receive(payload: packet.payload, timestamp: packet.timestamp).map {
                send(.dtmf(digit: $0.digit))
            }
        }
        chunk += 1
        let elapsed = now.duration(since: startedAt).wholeMilliseconds
        return [send(.media(payload: packet.payload, chunk: chunk, timestamp: max(0, elapsed)))]
    }

    /// One text frame from the agent.
    public mutating func agentText(_ text: String, at now: MediaInstant) -> [BridgeAction] {
        guard phase == .streaming else { return [] }
        let message: AgentMessage
        do {
            message = try AgentMessage.decode(text, streamSid: stream.streamSid)
        } catch {
            return [.refused(error)]
        }
        switch message {
        case .media(let payload):
            guard sender.queuedBytes + payload.count <= maximumQueuedBytes else {
                return [.refused(.tooLarge(size: sender.queuedBytes + payload.count, limit: maximumQueuedBytes))]
            }
            sender.enqueue(payload)
            return []
        case .mark(let name):
            pendingMarks.append((name, sender.queuedBytesTotal))
            return echoDueMarks()
        case .clear:
            sender.clear()
            return echoDueMarks()
        }
    }

    /// The clock reached `now`: every RTP frame due, then every mark whose audio has gone out.
    public mutating func tick(at now: MediaInstant) -> [BridgeAction] {
        guard phase == .streaming else { return [] }
        var actions: [BridgeAction] = []
        for packet in sender.tick(at: now) {
            do {
                actions.append(.sendRTP(try packet.serialized()))
            } catch {
                actions.append(.refused(error))
            }
            actions += echoDueMarks()
        }
        return actions
    }

    /// The callee hung up: a press still open is reported, then `stop`, then close.
    public mutating func calleeHungUp(at now: MediaInstant) -> [BridgeAction] { finish(.calleeHungUp) }

    /// The engine ends the call (maximum duration, shutdown): `stop`, then close.
    public mutating func end(at now: MediaInstant) -> [BridgeAction] { finish(.ended) }

    /// The agent closed its socket: close without `stop`; the owner hangs up the call.
    public mutating func agentClosed(at now: MediaInstant) -> [BridgeAction] {
        guard phase != .closed else { return [] }
        phase = .closed
        return [.close(.agentClosed)]
    }

    private mutating func finish(_ ending: BridgeEnding) -> [BridgeAction] {
        switch phase {
        case .closed:
            return []
        case .idle:
            phase = .closed
            return [.close(ending)]
        case .streaming:
            let digits = detector.flush().map { send(.dtmf(digit: $0.digit)) }
            let stop = send(.stop)
            phase = .closed
            return digits + [stop, .close(ending)]
        }
    }

    private mutating func echoDueMarks() -> [BridgeAction] {
        var actions: [BridgeAction] = []
        while let first = pendingMarks.first, first.position <= sender.consumedBytes {
            pendingMarks.removeFirst()
            actions.append(send(.mark(name: first.name)))
        }
        return actions
    }

    private mutating func send(_ event: StreamEvent) -> BridgeAction {
        if event != .connected { sequenceNumber += 1 }
        return .sendText(event.json(sequenceNumber: sequenceNumber, stream: stream))
    }
}
