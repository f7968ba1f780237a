import MediaCore
import Testing

@Suite("The receiver extends sequence numbers, drops duplicates and late packets, and counts loss exactly")
struct RTPReceiverTests {
    private func packet(_ sequence: UInt16, ssrc: UInt32 = 9) -> RTPPacket {
        RTPPacket(payloadType: 0, sequenceNumber: sequence, timestamp: UInt32(sequence) * 160, ssrc: ssrc, payload: [])
    }

    @Test func wrapAroundDuplicatesAndLoss() {
        var receiver = RTPReceiver(window: 8)
        let now = MediaInstant.zero
        #expect(receiver.receive(packet(65_534), at: now) == .accepted(extendedSequence: 65_534, inOrder: true))
        #expect(receiver.receive(packet(1), at: now) == .accepted(extendedSequence: 65_537, inOrder: true))
        #expect(receiver.receive(packet(65_535), at: now) == .accepted(extendedSequence: 65_535, inOrder: false))
        #expect(receiver.receive(packet(65_535), at: now) == .duplicate)
        #expect(receiver.receive(packet(1), at: now) == .duplicate)
        #expect(receiver.receive(packet(20), at: now) == .accepted(extendedSequence: 65_556, inOrder: true))
        #expect(receiver.receive(packet(0), at: now) == .late)
        let statistics = receiver.statistics
        #expect(statistics.accepted == 4)
        #expect(statistics.duplicates == 2)
        #expect(statistics.late == 1)
        #expect(statistics.lost == 65_556 - 65_534 + 1 - 4)
    }

    @Test func aJumpIsDroppedUnlessConfirmedAndANewSourceRestarts() {
        var receiver = RTPReceiver()
        let now = MediaInstant.zero
        _ = receiver.receive(packet(100), at: now)
        #expect(receiver.receive(packet(30_000), at: now) == .jump)
        #expect(receiver.receive(packet(101), at: now) == .accepted(extendedSequence: 101, inOrder: true))
        #expect(receiver.receive(packet(40_000), at: now) == .jump)
        #expect(receiver.receive(packet(40_001), at: now) == .accepted(extendedSequence: 40_001, inOrder: true))
        #expect(receiver.receive(packet(7, ssrc: 10), at: now) == .accepted(extendedSequence: 7, inOrder: true))
        #expect(receiver.statistics.restarts == 2)
        #expect(receiver.statistics.jumps == 2)
        #expect(receiver.statistics.lost == 0)
    }

    @Test func jitterIsZeroForPerfectPacingAndGrowsWithVariation() {
        var receiver = RTPReceiver()
        for index in 0..<50 {
            _ = receiver.receive(packet(UInt16(index)), at: MediaInstant(.milliseconds(20 * index)))
        }
        #expect(receiver.statistics.jitter == 0)
        for index in 50..<100 {
            let wobble = index % 2 == 0 ? 15 : 0
            _ = receiver.receive(packet(UInt16(index)), at: MediaInstant(.milliseconds(20 * index + wobble)))
        }
        #expect(receiver.statistics.jitter > 50)
    }

    @Test(arguments: 0..<6)
    func seededStreamsMatchAnIndependentCount(_ seed: UInt64) {
        var random = SeededGenerator(seed: 7000 + seed)
        let window = 8 + Int(random.next() % 40)
        let start = Int64(random.next() % 65_536)
        var arrivals: [(order: Double, extended: Int64)] = []
        for index in 0..<3000 {
            let extended = start + Int64(index)
            let roll = random.next() % 100
            if roll < 5 { continue }
            var delay = 0.0
            if roll < 12 { delay = Double(random.next() % 8) }
            if roll < 15 { delay = Double(window) + Double(random.next() % 40) }
            arrivals.append((Double(index) + delay + 0.5, extended))
            if roll >= 95 { arrivals.append((Double(index) + Double(random.next() % 5) + 0.7, extended)) }
        }
        arrivals.sort { $0.order < $1.order }

        var receiver = RTPReceiver(window: window)
        var accepted = Set<Int64>()
        var highest: Int64?
        var expectedDuplicates = 0
        var expectedLate = 0
        for (order, extended) in arrivals {
            let verdict = receiver.receive(
                RTPPacket(
                    payloadType: 0, sequenceNumber: UInt16(truncatingIfNeeded: extended),
                    timestamp: UInt32(truncatingIfNeeded: extended * 160), ssrc: 1, payload: []),
                at: MediaInstant(.milliseconds(Int64(order * 20))))
            if let top = highest, extended <= top {
                if top - extended >= Int64(window) {
                    expectedLate += 1
                    #expect(verdict == .late)
                } else if accepted.contains(extended) {
                    expectedDuplicates += 1
                    #expect(verdict == .duplicate)
                } else {
                    accepted.insert(extended)
                    #expect(verdict == .accepted(extendedSequence: extended, inOrder: false))
                }
            } else {
                accepted.insert(extended)
                highest = extended
                #expect(verdict == .accepted(extendedSequence: extended, inOrder: true))
            }
        }
        let statistics = receiver.statistics
        #expect(statistics.accepted == accepted.count)
        #expect(statistics.duplicates == expectedDuplicates)
        #expect(statistics.late == expectedLate)
        #expect(statistics.lost == Int(accepted.max()! - accepted.min()! + 1) - accepted.count)
        #expect(expectedLate > 0 && expectedDuplicates > 0 && statistics.lost > 0)
    }
}
