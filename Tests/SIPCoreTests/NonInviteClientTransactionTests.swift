import SIPCore
import Testing

@Suite("Non-INVITE client transaction (RFC 3261 §17.1.2): Timers E, F and K")
struct NonInviteClientTransactionTests {
    let bye = TransactionFixtures.request(.bye, cseq: 2)

    @Test func timerEDoublesUpToT2UntilTimerFAt64T1() {
        let table = TransactionFixtures.shortTimers
        var transaction = NonInviteClientTransaction(request: bye, timers: table)
        var harness = TransactionHarness()
        harness.apply(transaction.start())
        while let timer = harness.timers.fireNext() { harness.apply(transaction.timerFired(timer)) }
        // T1 = 50 ms, T2 = 400 ms: intervals 50, 100, 200, 400, 400, … until 64·T1 = 3.2 s.
        let expected: [Duration] = [0, 50, 150, 350, 750, 1150, 1550, 1950, 2350, 2750, 3150].map { .milliseconds($0) }
        #expect(harness.sendTimes == expected)
        #expect(harness.ended == .timedOut && harness.endedAt == .milliseconds(3200))
    }

    @Test func theRealTableRetransmitsAtT1DoublingToFourSeconds() {
        var transaction = NonInviteClientTransaction(request: bye, timers: .rfc3261)
        var harness = TransactionHarness()
        harness.apply(transaction.start())
        while let timer = harness.timers.fireNext() { harness.apply(transaction.timerFired(timer)) }
        let expected: [Duration] = [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500].map {
            .milliseconds($0)
        }
        #expect(harness.sendTimes == expected && harness.endedAt == .seconds(32))
    }

    @Test func inProceedingRetransmissionIsEveryT2() {
        var transaction = NonInviteClientTransaction(request: bye, timers: TransactionFixtures.shortTimers)
        var harness = TransactionHarness()
        harness.apply(transaction.start())
        harness.apply(transaction.receive(TransactionFixtures.response(100, to: bye)))
        #expect(transaction.state == .proceeding)
        while let timer = harness.timers.fireNext() { harness.apply(transaction.timerFired(timer)) }
        let gaps = zip(harness.sendTimes.dropFirst(), harness.sendTimes).map { $0 - $1 }
        #expect(gaps.first == .milliseconds(50) && gaps.dropFirst().allSatisfy { $0 == .milliseconds(400) })
        #expect(harness.ended == .timedOut)
    }

    @Test func aFinalIsDeliveredOnceThenAbsorbedUntilTimerK() {
        var transaction = NonInviteClientTransaction(request: bye, timers: TransactionFixtures.shortTimers)
        var harness = TransactionHarness()
        harness.apply(transaction.start())
        let ok = TransactionFixtures.response(200, to: bye)
        harness.timers.advance(by: .milliseconds(20))
        harness.apply(transaction.receive(ok))
        harness.apply(transaction.receive(ok))
        #expect(harness.delivered.count == 1 && transaction.state == .completed)
        #expect(harness.timers.running == [.k] && harness.timers.deadline(of: .k) == .milliseconds(520))
        _ = harness.timers.fireNext()
        harness.apply(transaction.timerFired(.k))
        #expect(harness.ended == .completed && harness.sent.count == 1)
    }

    @Test func staleTimersAndTransportErrors() {
        var transaction = NonInviteClientTransaction(request: bye, timers: TransactionFixtures.shortTimers)
        #expect(transaction.timerFired(.e).isEmpty)
        var harness = TransactionHarness()
        harness.apply(transaction.start())
        #expect(transaction.timerFired(.k).isEmpty)
        harness.apply(transaction.transportFailed())
        #expect(harness.ended == .transportError && harness.timers.running.isEmpty)
        #expect(transaction.timerFired(.f).isEmpty)
    }
}
