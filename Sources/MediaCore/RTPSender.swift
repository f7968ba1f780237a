/// Paces the agent's μ-law audio out as RTP: one 20 ms packet of 160 bytes per frame deadline, sequence +1 and
/// timestamp +160 per packet, the marker on the first packet of each talkspurt, and silence (0xFF) when the
/// queue runs dry so the far end's jitter buffer keeps its clock.
///
/// A value driven by the owner's clock: `tick(at:)` returns every packet whose deadline has come and
/// `nextDeadline` says when to call it again. If the owner falls more than `maximumBurst` frames behind (a stalled
/// event loop), the missed frames are skipped rather than sent in a burst: the timestamp still advances by
/// them, as RFC 3550 §5.1 wants for a gap in sampling, and queued audio is not lost.
public struct RTPSender: Sendable {
    /// Samples (and μ-law bytes) in one 20 ms frame at 8 kHz.
    public static let frameSize = 160
    /// The frame period.
    public static let framePeriod = Duration.milliseconds(20)

    /// The synchronisation source written in every packet.
    public let ssrc: UInt32
    /// The payload type written in every packet (0, PCMU).
    public let payloadType: UInt8
    /// Frames sent at once at most when the owner was late; older deadlines are skipped.
    public let maximumBurst: Int
    /// When the next packet is due.
    public private(set) var nextDeadline: MediaInstant
    /// The sequence number of the next packet.
    public private(set) var nextSequenceNumber: UInt16
    /// The timestamp of the next packet.
    public private(set) var nextTimestamp: UInt32
    /// Bytes of the agent's audio sent so far (silence fill not counted); marks are placed against this count.
    public private(set) var playedBytes: Int = 0
    /// Bytes of the agent's audio accepted so far, played, queued or cleared.
    public private(set) var queuedBytesTotal: Int = 0
    /// Bytes of the agent's audio dropped by `clear()`.
    public private(set) var clearedBytes: Int = 0
    /// Frames skipped because the owner was late.
    public private(set) var skippedFrames: Int = 0

    private var queue: [UInt8] = []
    private var queueHead = 0
    private var talking = false

    /// A sender whose first packet is due at `start`. The SSRC and the initial sequence number and timestamp
    /// should be random (RFC 3550 §5.1); the owner draws them.
    public init(
        ssrc: UInt32, initialSequenceNumber: UInt16, initialTimestamp: UInt32, start: MediaInstant,
        payloadType: UInt8 = 0, maximumBurst: Int = 5
    ) {
        self.ssrc = ssrc
        self.payloadType = payloadType
        self.maximumBurst = max(1, maximumBurst)
        self.nextDeadline = start
        self.nextSequenceNumber = initialSequenceNumber
        self.nextTimestamp = initialTimestamp
    }

    /// Bytes of the agent's audio no longer queued (played or cleared); a mark placed when `queuedBytesTotal` was
    /// `n` is due once this reaches `n`.
    public var consumedBytes: Int { playedBytes + clearedBytes }

    /// Bytes of the agent's audio waiting to be sent.
    public var queuedBytes: Int { queue.count - queueHead }

    /// Appends the agent's μ-law audio to the queue.
    public mutating func enqueue(_ audio: some Collection<UInt8>) {
        queue.append(contentsOf: audio)
        queuedBytesTotal += audio.count
    }

    /// Drops everything queued (barge-in). Returns how many bytes were dropped.
    @discardableResult
    public mutating func clear() -> Int {
        let dropped = queuedBytes
        clearedBytes += dropped
        queue.removeAll(keepingCapacity: true)
        queueHead = 0
        return dropped
    }

    /// Every packet due at `now`, in order.
    public mutating func tick(at now: MediaInstant) -> [RTPPacket] {
        guard now >= nextDeadline else { return [] }
        let due = Int(now.duration(since: nextDeadline).wholeMilliseconds / 20) &+ 1
        if due > maximumBurst {
            let skipped = due - maximumBurst
            skippedFrames &+= skipped
            nextTimestamp &+= UInt32(truncatingIfNeeded: skipped &* Self.frameSize)
            nextDeadline = now.advanced(by: .zero - Self.framePeriod * (maximumBurst - 1))
            talking = false
        }
        var packets: [RTPPacket] = []
        while nextDeadline <= now {
            packets.append(nextPacket())
            nextDeadline = nextDeadline.advanced(by: Self.framePeriod)
        }
        return packets
    }

    private mutating func nextPacket() -> RTPPacket {
        let available = min(queuedBytes, Self.frameSize)
        var payload = Array(queue[queueHead..<queueHead + available])
        queueHead += available
        playedBytes += available
        if queueHead > 4096 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        let marker = available > 0 && !talking
        talking = available > 0
        payload.append(contentsOf: repeatElement(MuLaw.silence, count: Self.frameSize - available))
        let packet = RTPPacket(
            marker: marker, payloadType: payloadType, sequenceNumber: nextSequenceNumber, timestamp: nextTimestamp,
            ssrc: ssrc, payload: payload)
        nextSequenceNumber &+= 1
        nextTimestamp &+= UInt32(Self.frameSize)
        return packet
    }
}
