import MediaCore
import Testing

@Suite("The sender paces 20 ms frames with continuous sequence numbers and timestamps")
struct RTPSenderTests {
    private func at(_ milliseconds: Int) -> MediaInstant { MediaInstant(.milliseconds(milliseconds)) }

    @Test func silenceThenATalkspurtWithOneMarker() {
        var sender = RTPSender(ssrc: 7, initialSequenceNumber: 65_534, initialTimestamp: 0xFFFF_FF00, start: at(0))
        let silent = sender.tick(at: at(19))
        #expect(silent.count == 1)
        #expect(silent[0].payload == [UInt8](repeating: 0xFF, count: 160))
        #expect(!silent[0].marker)
        sender.enqueue([UInt8](repeating: 0x11, count: 400))
        let talk = sender.tick(at: at(80))
        #expect(talk.map(\.sequenceNumber) == [65_535, 0, 1, 2])
        #expect(talk.map(\.timestamp) == [0xFFFF_FFA0, 0x40, 0xE0, 0x180])
        #expect(talk.map(\.marker) == [true, false, false, false])
        #expect(talk[2].payload == [UInt8](repeating: 0x11, count: 80) + [UInt8](repeating: 0xFF, count: 80))
        #expect(talk[3].payload == [UInt8](repeating: 0xFF, count: 160))
        #expect(sender.playedBytes == 400)
        #expect(sender.nextDeadline == at(100))
        sender.enqueue([1])
        #expect(sender.tick(at: at(100))[0].marker)
    }

    @Test func nothingIsDueBeforeTheDeadline() {
        var sender = RTPSender(ssrc: 1, initialSequenceNumber: 0, initialTimestamp: 0, start: at(40))
        #expect(sender.tick(at: at(39)).isEmpty)
        #expect(sender.tick(at: at(40)).count == 1)
        #expect(sender.tick(at: at(59)).isEmpty)
    }

    @Test func aStalledOwnerSkipsFramesButKeepsTheTimestampHonest() {
        var sender = RTPSender(
            ssrc: 1, initialSequenceNumber: 10, initialTimestamp: 1000, start: at(0), maximumBurst: 3)
        sender.enqueue([UInt8](repeating: 0x22, count: 320))
        let burst = sender.tick(at: at(1000))
        #expect(burst.count == 3)
        #expect(burst.map(\.sequenceNumber) == [10, 11, 12])
        #expect(burst[0].timestamp == 1000 + 48 * 160)
        #expect(burst.map(\.marker) == [true, false, false])
        #expect(sender.skippedFrames == 48)
        #expect(sender.playedBytes == 320)
    }

    @Test func clearDropsTheQueue() {
        var sender = RTPSender(ssrc: 1, initialSequenceNumber: 0, initialTimestamp: 0, start: at(0))
        sender.enqueue([UInt8](repeating: 0x33, count: 1000))
        _ = sender.tick(at: at(0))
        #expect(sender.clear() == 840)
        #expect(sender.consumedBytes == 1000)
        #expect(sender.tick(at: at(20))[0].payload == [UInt8](repeating: 0xFF, count: 160))
    }

    @Test(arguments: 0..<3)
    func randomScheduleKeepsContinuityAndOrder(_ seed: UInt64) {
        var random = SeededGenerator(seed: 90 + seed)
        var sender = RTPSender(
            ssrc: 5, initialSequenceNumber: UInt16(truncatingIfNeeded: random.next()),
            initialTimestamp: UInt32(truncatingIfNeeded: random.next()), start: at(0), maximumBurst: 1000)
        var sent: [UInt8] = []
        var enqueued: [UInt8] = []
        var packets: [RTPPacket] = []
        var now = 0
        for _ in 0..<500 {
            now += Int(random.next() % 45)
            if random.next() % 3 == 0 {
                let chunk = (0..<Int(random.next() % 500)).map { _ in UInt8(truncatingIfNeeded: random.next() % 0xFF) }
                enqueued += chunk
                sender.enqueue(chunk)
            }
            packets += sender.tick(at: at(now))
        }
        #expect(packets.count == now / 20 + 1)
        for (previous, next) in zip(packets, packets.dropFirst()) {
            #expect(next.sequenceNumber == previous.sequenceNumber &+ 1)
            #expect(next.timestamp == previous.timestamp &+ 160)
        }
        for packet in packets {
            #expect(packet.payload.count == 160)
            sent += packet.payload.filter { $0 != 0xFF }
        }
        #expect(sent == Array(enqueued.prefix(sent.count)))
        #expect(sent.count == sender.playedBytes)
    }
}
