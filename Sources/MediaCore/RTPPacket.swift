/// One RTP packet (RFC 3550 §5.1): the fixed header, the CSRC list and the payload. A header extension and
/// padding are accepted when parsing and skipped; the serialiser writes neither.
public struct RTPPacket: Equatable, Hashable, Sendable {
    /// The length of the fixed header.
    public static let fixedHeaderLength = 12
    /// The largest payload the serialiser writes: what fits a UDP datagram over IPv4 after the headers.
    public static let maximumPayload = 65_507 - fixedHeaderLength - 15 * 4

    /// The marker bit; for audio, the first packet of a talkspurt (RFC 3551 §4.1).
    public var marker: Bool
    /// The payload type (0 = PCMU, 101 = telephone-event in our SDP offer), 0–127.
    public var payloadType: UInt8
    /// The sequence number, +1 per packet, wrapping at 2¹⁶.
    public var sequenceNumber: UInt16
    /// The sampling instant of the first payload byte, +160 per 20 ms of 8 kHz audio, wrapping at 2³².
    public var timestamp: UInt32
    /// The synchronisation source.
    public var ssrc: UInt32
    /// The contributing sources (at most 15).
    public var csrcs: [UInt32]
    /// The payload without padding.
    public var payload: [UInt8]

    /// A packet from its fields.
    public init(
        marker: Bool = false, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
        csrcs: [UInt32] = [], payload: [UInt8]
    ) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.payload = payload
    }

    /// The packet as it goes on the wire (version 2, no padding, no extension).
    public func serialized() throws(MediaError) -> [UInt8] {
        guard payloadType < 128 else { throw .outOfRange(field: "payload type", value: Int(payloadType)) }
        guard csrcs.count < 16 else { throw .outOfRange(field: "CSRC count", value: csrcs.count) }
        guard payload.count <= Self.maximumPayload else {
            throw .tooLarge(size: payload.count, limit: Self.maximumPayload)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.fixedHeaderLength + csrcs.count * 4 + payload.count)
        bytes.append(0x80 | UInt8(csrcs.count))
        bytes.append((marker ? 0x80 : 0) | payloadType)
        bytes.append(UInt8(sequenceNumber >> 8))
        bytes.append(UInt8(truncatingIfNeeded: sequenceNumber))
        Self.append(timestamp, to: &bytes)
        Self.append(ssrc, to: &bytes)
        for csrc in csrcs { Self.append(csrc, to: &bytes) }
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// Parses one datagram. Every input is hostile: a short datagram, a version other than 2, a CSRC list or
    /// header extension running past the end, or a padding count of zero or beyond the payload is refused.
    public init(parsing datagram: some Collection<UInt8>) throws(MediaError) {
        let bytes = Array(datagram)
        guard bytes.count >= Self.fixedHeaderLength else {
            throw .truncated(needed: Self.fixedHeaderLength, have: bytes.count)
        }
        let version = bytes[0] >> 6
        guard version == 2 else { throw .badVersion(version) }
        let hasPadding = bytes[0] & 0x20 != 0
        let hasExtension = bytes[0] & 0x10 != 0
        let csrcCount = Int(bytes[0] & 0x0F)
        var offset = Self.fixedHeaderLength + csrcCount * 4
        guard bytes.count >= offset else { throw .truncated(needed: offset, have: bytes.count) }
        let csrcs = (0..<csrcCount).map { Self.word(bytes, at: Self.fixedHeaderLength + $0 * 4) }
        if hasExtension {
            guard bytes.count >= offset + 4 else { throw .truncated(needed: offset + 4, have: bytes.count) }
            let words = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            offset += 4 + words * 4
            guard bytes.count >= offset else { throw .truncated(needed: offset, have: bytes.count) }
        }
        var end = bytes.count
        if hasPadding {
            let count = Int(bytes[end - 1])
            guard count >= 1, count <= end - offset else {
                throw .badPadding(count: count, available: end - offset)
            }
            end -= count
        }
        self.init(
            marker: bytes[1] & 0x80 != 0, payloadType: bytes[1] & 0x7F,
            sequenceNumber: UInt16(bytes[2]) << 8 | UInt16(bytes[3]), timestamp: Self.word(bytes, at: 4),
            ssrc: Self.word(bytes, at: 8), csrcs: csrcs, payload: Array(bytes[offset..<end]))
    }

    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }
}
