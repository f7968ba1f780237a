import MediaCore
import Telephony
import Testing

@Suite("The media bridge's packet accounting and the bench's rate schedule")
struct BenchAccountingTests {
    @Test("delays: 40 ms is on time, 41 ms is late; percentiles round up to the millisecond; merging adds")
    func delayTally() {
        var tally = PacketDelayTally()
        #expect(tally.percentile(0.5) == nil, "no packets, no percentile")
        for milliseconds in [10, 40, 41, 300] { tally.record(.milliseconds(milliseconds)) }
        tally.record(.milliseconds(-3))
        #expect(tally.packets == 5)
        #expect(tally.late == 2)
        #expect(tally.maximum == .milliseconds(300))
        #expect(tally.percentile(0.2) == .milliseconds(1), "a clock read out of order counts as no delay")
        #expect(tally.percentile(0.4) == .milliseconds(11))
        #expect(tally.percentile(0.5) == .milliseconds(41))
        #expect(tally.percentile(0.8) == .milliseconds(42))
        #expect(tally.percentile(1) == .milliseconds(300), "past the histogram the longest delay is the answer")
        var other = PacketDelayTally()
        other.record(.microseconds(40_500))
        other.merge(tally)
        #expect(other.packets == 6)
        #expect(other.late == 3, "40.5 ms is late")
        #expect(other.maximum == .milliseconds(300))
    }

    static func packet(_ sequenceNumber: UInt16) -> RTPPacket {
        RTPPacket(
            marker: false, payloadType: 0, sequenceNumber: sequenceNumber, timestamp: UInt32(sequenceNumber) * 160,
            ssrc: 7, payload: Array(repeating: 0xFF, count: 160))
    }

    static func loss(of sequence: [UInt16], window: Int = 32) -> Int {
        var receiver = RTPReceiver(window: window)
        for number in sequence { _ = receiver.receive(packet(number), at: .zero) }
        var statistics = MediaStatistics(localPort: 0)
        statistics.countCalleeLoss(receiver.statistics)
        return statistics.calleePacketsLost
    }

    @Test("callee loss: a gap across the wrap at 65535 counts once; reordering within the window is no loss")
    func sequenceGaps() {
        #expect(Self.loss(of: [65_533, 65_534, 65_535, 0, 1, 2]) == 0, "wrap-around alone loses nothing")
        #expect(Self.loss(of: [65_533, 65_534, 0, 1]) == 1, "65535 never came")
        #expect(Self.loss(of: [65_534, 1, 0, 65_535, 2]) == 0, "reordered across the wrap, all there")
        #expect(Self.loss(of: [5, 6, 6, 7]) == 0, "a duplicate is no packet of the stream")
        #expect(Self.loss(of: [10, 13, 14]) == 2)
    }

    @Test("callee loss: a packet older than the reorder window stays lost; a jump is counted as lost")
    func lateAndJumps() {
        #expect(Self.loss(of: [10] + (12...50).map { UInt16($0) } + [11], window: 32) == 1, "11 came 39 behind")
        #expect(Self.loss(of: [10] + (12...50).map { UInt16($0) } + [11], window: 64) == 0, "inside a 64 window")
        #expect(Self.loss(of: [1, 2, 20_000, 3]) == 1, "one packet jumped away and was dropped")
    }

    @Test("the rate schedule: call i at i/cps, calls due by an instant, never more than the run holds")
    func rateSchedule() {
        let schedule = CallRateSchedule(callsPerSecond: 25, seconds: 2)
        #expect(schedule.count == 50)
        #expect(schedule.offset(of: 0) == .zero)
        #expect(schedule.offset(of: 1) == .milliseconds(40))
        #expect(schedule.offset(of: 49) == .milliseconds(1_960))
        #expect(schedule.due(after: .milliseconds(-1)) == 0)
        #expect(schedule.due(after: .zero) == 1)
        #expect(schedule.due(after: .milliseconds(39)) == 1)
        #expect(schedule.due(after: .milliseconds(40)) == 2)
        #expect(schedule.due(after: .seconds(10)) == 50)
        let thirds = CallRateSchedule(callsPerSecond: 3, seconds: 1)
        #expect(thirds.offset(of: 1) == .nanoseconds(333_333_333))
        #expect(thirds.offset(of: 2) == .nanoseconds(666_666_666))
        #expect(CallRateSchedule(callsPerSecond: 1, seconds: 0.5).count == 1, "a run shorter than a call holds one")
    }
}
