import MediaCore
import Testing

@Suite("RFC 4733 telephone events become one digit per key press")
struct DTMFDetectorTests {
    private func payload(_ event: UInt8, end: Bool, duration: UInt16) -> [UInt8] {
        TelephoneEvent(event: event, isEnd: end, volume: 10, duration: duration).bytes
    }

    @Test func parsesTheFields() throws {
        let events = try TelephoneEvent.parse(payload: [0x0B, 0x8A, 0x03, 0x20])
        #expect(events == [TelephoneEvent(event: 11, isEnd: true, volume: 10, duration: 800)])
        #expect(events[0].digit == "#")
        #expect(TelephoneEvent(event: 14, isEnd: false, volume: 0, duration: 0).digit == "C")
        #expect(TelephoneEvent(event: 16, isEnd: false, volume: 0, duration: 0).digit == nil)
        #expect(throws: MediaError.outOfRange(field: "telephone-event payload length", value: 3)) {
            try TelephoneEvent.parse(payload: [1, 2, 3])
        }
        #expect(throws: MediaError.outOfRange(field: "telephone-event payload length", value: 0)) {
            try TelephoneEvent.parse(payload: [])
        }
    }

    @Test func threeEndPacketsMakeOneDigit() {
        var detector = DTMFDetector()
        var digits: [DTMFDigit] = []
        for duration in stride(from: UInt16(160), through: 800, by: 160) {
            digits += detector.receive(payload: payload(5, end: false, duration: duration), timestamp: 1000)
        }
        for _ in 0..<3 { digits += detector.receive(payload: payload(5, end: true, duration: 960), timestamp: 1000) }
        digits += detector.receive(payload: payload(5, end: false, duration: 800), timestamp: 1000)
        #expect(digits == [DTMFDigit(digit: "5", duration: 960, timestamp: 1000)])
    }

    @Test func aPressWhoseEndWasLostIsReportedWhenTheNextBegins() {
        var detector = DTMFDetector()
        #expect(detector.receive(payload: payload(1, end: false, duration: 160), timestamp: 100).isEmpty)
        let next = detector.receive(payload: payload(2, end: false, duration: 160), timestamp: 5000)
        #expect(next == [DTMFDigit(digit: "1", duration: 160, timestamp: 100)])
        #expect(detector.receive(payload: payload(1, end: true, duration: 320), timestamp: 100).isEmpty)
        #expect(detector.flush() == [DTMFDigit(digit: "2", duration: 160, timestamp: 5000)])
        #expect(detector.flush().isEmpty)
    }

    @Test(arguments: 0..<4)
    func seededPressesWithLossAndRepeatsGiveEachDigitOnce(_ seed: UInt64) {
        var random = SeededGenerator(seed: 300 + seed)
        var detector = DTMFDetector()
        var pressed: [Character] = []
        var heard: [Character] = []
        var timestamp = UInt32(truncatingIfNeeded: random.next())
        for _ in 0..<200 {
            let event = UInt8(random.next() % 16)
            pressed.append(TelephoneEvent(event: event, isEnd: false, volume: 0, duration: 0).digit!)
            var packets: [[UInt8]] = (1...Int(random.next() % 6 + 1)).map {
                payload(event, end: false, duration: UInt16($0 * 160))
            }
            packets += Array(repeating: payload(event, end: true, duration: 1200), count: 3)
            var delivered = packets.filter { _ in random.next() % 4 != 0 }
            if delivered.isEmpty { delivered = [packets[0]] }
            if random.next() % 3 == 0 { delivered.append(delivered[0]) }
            for bytes in delivered { heard += detector.receive(payload: bytes, timestamp: timestamp).map(\.digit) }
            timestamp &+= UInt32(2000 + random.next() % 4000)
        }
        heard += detector.flush().map(\.digit)
        #expect(heard == pressed)
    }
}
