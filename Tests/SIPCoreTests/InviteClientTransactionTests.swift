import SIPCore
import Testing

@Suite("INVITE client transaction (RFC 3261 §17.1.1): Timers A, B and D, ACK for non-2xx, 2xx to the TU")
struct InviteClientTransactionTests {
    let invite = TransactionFixtures.request(.invite)

    @Test func timerADoublesWithoutCapUntilTimerBAt64T1() {
        for table in [TimerTable.rfc3261, TransactionFixtures.shortTimers] {
            var transaction = InviteClientTransaction(invite: invite, timers: table)
            var harness = TransactionHarness()
            harness.apply(transaction.start())
            while let timer = harness.timers.fireNext() { harness.apply(transaction.timerFired(timer)) }
            let t1 = table.t1
            #expect(harness.sendTimes == [0, 1, 3, 7, 15, 31, 63].map { t1 * $0 })
            #expect(harness.ended == .timedOut && harness.endedAt == t1 * 64)
            #expect(transaction.state == .terminated && harness.delivered.isEmpty)
            #expect(harness.sent.allSatisfy { $0.request == invite })
        }
    }

    @Test func theRealTableGivesTheMeasuredSIPpSchedule() {
        var transaction = InviteClientTransaction(invite: invite, timers: .rfc3261)
        var harness = TransactionHarness()
        harness.apply(transaction.start())
        while let timer = harness.timers.fireNext() { harness.apply(transaction.timerFired(timer)) }
        #expect(
            Array(harness.sendTimes.prefix(6)) == [
                .zero, .milliseconds(500), .milliseconds(1500), .milliseconds(3500),
                .milliseconds(7500), .milliseconds(15500),
            ])
        #expect(harness.endedAt == .seconds(32))
    }

    @Test func aProvisionalStopsRetransmissionAndTimerB() {
        var transaction = InviteClientTransaction(invite: invite, timers: TransactionFixtures.shortTimers)
        var harness = TransactionHarness()
        harness.apply(transaction.start())
        _ = harness.timers.fireNext().map { harness.apply(transaction.timerFired($0)) }
        harness.apply(transaction.receive(TransactionFixtures.response(180, to: invite)))
        #expect(transaction.state == .proceeding && harness.timers.running.isEmpty)
        harness.apply(transaction.receive(TransactionFixtures.response(183, to: invite)))
        #expect(harness.delivered.map(\.statusCode) == [180, 183] && harness.sent.count == 2)
        harness.apply(transaction.timerFired(.a))
        harness.apply(transaction.timerFired(.b))
        #expect(harness.sent.count == 2 && harness.ended == nil)
    }

    @Test func a2xxGoesToTheTUAndEndsTheTransactionWithoutAnACK() {
        var transaction = InviteClientTransaction(invite: invite, timers: TransactionFixtures.shortTimers)
        var harness = TransactionHarness()
        harness.apply(transaction.start())
        harness.apply(transaction.receive(TransactionFixtures.response(200, to: invite)))
        #expect(harness.delivered.map(\.statusCode) == [200] && harness.ended == .accepted)
        #expect(harness.sent.count == 1 && harness.timers.running.isEmpty)
        harness.apply(transaction.receive(TransactionFixtures.response(200, to: invite)))
        #expect(harness.delivered.count == 1)
    }

    @Test func aNon2xxIsACKedHereAndRetransmissionsReACKedUntilTimerD() throws {
        var transaction = InviteClientTransaction(invite: invite, timers: TransactionFixtures.shortTimers)
        var harness = TransactionHarness()
        harness.apply(transaction.start())
        harness.apply(transaction.receive(TransactionFixtures.response(100, to: invite)))
        let busy = TransactionFixtures.response(486, to: invite)
        harness.apply(transaction.receive(busy))
        #expect(transaction.state == .completed && harness.delivered.map(\.statusCode) == [100, 486])
        let ack = try #require(harness.sent.last?.request)
        #expect(ack.method == .ack && ack.uri == invite.uri)
        #expect(try ack.headers.cseq() == CSeq(1, .ack))
        #expect(try ack.headers.topVia().branch == "z9hG4bKtest.1" && ack.headers.values("via").count == 1)
        #expect(try ack.headers.to().tag == FakeTrunk.remoteTag)
        #expect(ack.headers["from"] == invite.headers["from"] && ack.headers["call-id"] == invite.headers["call-id"])
        #expect(ack.headers.values("route") == ["<sip:edge.carrier.example;lr>"] && ack.body.isEmpty)
        #expect(harness.timers.deadline(of: .d) == .seconds(32))
        harness.apply(transaction.receive(busy))
        harness.apply(transaction.receive(busy))
        #expect(harness.sent.filter { $0.request.method == .ack }.count == 3 && harness.delivered.count == 2)
        let fired = harness.timers.fireNext()
        #expect(fired == .d)
        harness.apply(transaction.timerFired(.d))
        #expect(harness.ended == .completed && harness.endedAt == .seconds(32))
    }

    @Test func aTransportErrorEndsCallingAndProceeding() {
        var transaction = InviteClientTransaction(invite: invite, timers: TransactionFixtures.shortTimers)
        var harness = TransactionHarness()
        harness.apply(transaction.start())
        harness.apply(transaction.transportFailed())
        #expect(harness.ended == .transportError && harness.timers.running.isEmpty)
        #expect(transaction.transportFailed().isEmpty && transaction.start().isEmpty)
    }
}
