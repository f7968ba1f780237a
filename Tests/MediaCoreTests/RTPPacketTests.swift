import MediaCore
import Testing

@Suite("RTP packets parse and serialise as RFC 3550 §5.1 lays them out")
struct RTPPacketTests {
    @Test func knownPacketFromTheSIPpCapture() throws {
        var datagram: [UInt8] = [0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x23, 0x60, 0xCA, 0x11, 0x00, 0x00]
        datagram += [UInt8](repeating: 0xFF, count: 160)
        let packet = try RTPPacket(parsing: datagram)
        #expect(packet.payloadType == 0)
        #expect(!packet.marker)
        #expect(packet.sequenceNumber == 1)
        #expect(packet.timestamp == 9056)
        #expect(packet.ssrc == 0xCA11_0000)
        #expect(packet.csrcs.isEmpty)
        #expect(packet.payload.count == 160)
        #expect(try packet.serialized() == datagram)
    }

    @Test func markerCSRCsExtensionAndPaddingAreHandled() throws {
        var datagram: [UInt8] = [0xB2, 0xE5, 0xFF, 0xFE, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04]
        datagram += [0, 0, 0, 7, 0, 0, 0, 9]
        datagram += [0xBE, 0xDE, 0x00, 0x02, 1, 2, 3, 4, 5, 6, 7, 8]
        datagram += [0x11, 0x22, 0x33]
        datagram += [0, 0, 3]
        let packet = try RTPPacket(parsing: datagram)
        #expect(packet.marker)
        #expect(packet.payloadType == 101)
        #expect(packet.sequenceNumber == 0xFFFE)
        #expect(packet.timestamp == 0xDEAD_BEEF)
        #expect(packet.ssrc == 0x0102_0304)
        #expect(packet.csrcs == [7, 9])
        #expect(packet.payload == [0x11, 0x22, 0x33])
        let again = try RTPPacket(parsing: packet.serialized())
        #expect(again == packet)
    }

    @Test func hostileDatagramsAreTypedErrors() {
        #expect(throws: MediaError.truncated(needed: 12, have: 3)) { try RTPPacket(parsing: [0x80, 0, 0]) }
        #expect(throws: MediaError.badVersion(1)) { try RTPPacket(parsing: [UInt8](repeating: 0x40, count: 12)) }
        #expect(throws: MediaError.truncated(needed: 72, have: 12)) {
            try RTPPacket(parsing: [0x8F] + [UInt8](repeating: 0, count: 11))
        }
        #expect(throws: MediaError.truncated(needed: 16, have: 12)) {
            try RTPPacket(parsing: [0x90] + [UInt8](repeating: 0, count: 11))
        }
        #expect(throws: MediaError.truncated(needed: 262_156, have: 16)) {
            try RTPPacket(parsing: [0x90] + [UInt8](repeating: 0, count: 11) + [0, 0, 0xFF, 0xFF])
        }
        #expect(throws: MediaError.badPadding(count: 0, available: 1)) {
            try RTPPacket(parsing: [0xA0] + [UInt8](repeating: 0, count: 12))
        }
        #expect(throws: MediaError.badPadding(count: 9, available: 2)) {
            try RTPPacket(parsing: [0xA0] + [UInt8](repeating: 0, count: 11) + [1, 9])
        }
    }

    @Test func serialiserRefusesWhatCannotBeWritten() {
        #expect(throws: MediaError.outOfRange(field: "payload type", value: 128)) {
            try RTPPacket(payloadType: 128, sequenceNumber: 0, timestamp: 0, ssrc: 0, payload: []).serialized()
        }
        #expect(throws: MediaError.outOfRange(field: "CSRC count", value: 16)) {
            try RTPPacket(
                payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 0, csrcs: Array(repeating: 1, count: 16),
                payload: []
            ).serialized()
        }
    }

    @Test(arguments: 0..<4)
    func randomBytesNeverTrapAndRoundTripWhenTheyParse(_ seed: UInt64) throws {
        var random = SeededGenerator(seed: 40 + seed)
        var parsed = 0
        for _ in 0..<3000 {
            let length = Int(random.next() % 64)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if !bytes.isEmpty && random.next() % 2 == 0 { bytes[0] = 0x80 | bytes[0] & 0x3F }
            guard let packet = try? RTPPacket(parsing: bytes) else { continue }
            parsed += 1
            #expect(try RTPPacket(parsing: packet.serialized()) == packet)
        }
        #expect(parsed > 100)
    }
}
