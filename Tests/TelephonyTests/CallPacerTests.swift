import Telephony
import Testing

@Suite("CallPacer: never more INVITEs in a second than the carrier's CPS")
struct CallPacerTests {
    @Test(
        "a burst is spaced 1/cps apart; a quiet spell banks nothing; 1,000 seeded arrival patterns stay under the cap")
    func spacing() {
        let start = ContinuousClock.now
        var pacer = CallPacer(callsPerSecond: 5)
        let burst = (0..<6).map { _ in pacer.slot(now: start) }
        #expect(burst.map { start.duration(to: $0) } == (0..<6).map { .milliseconds(200 * $0) })
        let later = start + .seconds(10)
        #expect(pacer.slot(now: later) == later, "after a quiet spell the next call goes at once")
        #expect(pacer.slot(now: later) == later + .milliseconds(200), "but only one")

        var seed: UInt64 = 41
        for _ in 0..<1_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let cps = Int(seed >> 60) + 1
            var pacer = CallPacer(callsPerSecond: cps)
            var now = start
            var slots: [ContinuousClock.Instant] = []
            for step in 0..<40 {
                now = now + .milliseconds(Int((seed >> UInt64(step % 50)) & 0x7F))
                let slot = pacer.slot(now: now)
                #expect(slot >= now)
                slots.append(slot)
            }
            for (index, slot) in slots.enumerated() where index >= cps {
                #expect(slots[index - cps].duration(to: slot) >= .seconds(1), "at most \(cps) in any second")
            }
        }
    }
}
