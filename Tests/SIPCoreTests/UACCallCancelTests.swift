import SIPCore
import Testing

@Suite("CANCEL: on the ring timeout and for the engine, only after a provisional, and the 200 that crosses it")
struct UACCallCancelTests {
    @Test func theRingTimeoutCancelsAndA487IsNoAnswer() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.response(to: invite, 180, "Ringing"))
        harness.run(until: .seconds(30))
        let cancel = try harness.wire(try #require(harness.requests(.cancel).first))
        #expect(harness.sent.last!.at == .seconds(30))
        #expect(cancel.uri == invite.uri && cancel.headers["call-id"] == invite.headers["call-id"])
        #expect(cancel.headers["from"] == invite.headers["from"] && cancel.headers["to"] == invite.headers["to"])
        #expect(try cancel.headers.cseq() == CSeq(1, .cancel))
        #expect(try cancel.headers.topVia().branch == invite.headers.topVia().branch)
        #expect(cancel.headers.values("via").count == 1)
        harness.receive(FakeTrunk.response(to: cancel, 200, "OK"))
        harness.receive(FakeTrunk.response(to: invite, 487, "Request Terminated"))
        #expect(harness.ending == CallEnding(outcome: .noAnswer, statusCode: 487, reason: "487 Request Terminated"))
        #expect(harness.requests.map(\.method) == [.invite, .cancel, .ack])
        harness.runToCompletion()
        #expect(harness.call.isFinished && harness.events.filter(\.isEnded).count == 1)
    }

    @Test func theEnginesCancelIsCancelled() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.response(to: invite, 100, "Trying"))
        harness.apply(harness.call.cancel(.engine))
        harness.apply(harness.call.cancel(.ringTimeout))
        #expect(harness.requests(.cancel).count == 1 && !harness.timers.running.contains(.ringTimeout))
        harness.receive(FakeTrunk.response(to: invite, 487, "Request Terminated"))
        #expect(harness.ending?.outcome == .cancelled)
    }

    @Test func noCancelBeforeAProvisionalThenSentWhenOneArrives() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.apply(harness.call.hangUp())
        #expect(harness.requests(.cancel).isEmpty)
        harness.run(until: .milliseconds(100))
        #expect(harness.requests(.invite).count == 2 && harness.requests(.cancel).isEmpty)
        harness.receive(FakeTrunk.response(to: invite, 100, "Trying"))
        #expect(harness.requests(.cancel).count == 1)
        harness.receive(FakeTrunk.response(to: invite, 487, "Request Terminated"))
        #expect(harness.ending?.outcome == .cancelled)
    }

    @Test func aPendingCancelWithNoProvisionalEverEndsAtTimerB() throws {
        var harness = try CallHarness()
        harness.start()
        harness.apply(harness.call.cancel(.engine))
        harness.runToCompletion()
        #expect(harness.requests(.cancel).isEmpty && harness.ending?.outcome == .cancelled)
        var ringing = try CallHarness()
        ringing.start()
        ringing.run(until: .seconds(40))
        #expect(ringing.ending?.outcome == .failed && ringing.requests(.cancel).isEmpty)
    }

    @Test func a200ThatCrossesTheCancelIsACKedThenHungUp() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.response(to: invite, 180, "Ringing"))
        harness.apply(harness.call.cancel(.ringTimeout))
        let cancel = harness.requests(.cancel)[0]
        harness.receive(FakeTrunk.ok(to: invite))
        harness.receive(FakeTrunk.response(to: cancel, 481, "Call/Transaction Does Not Exist"))
        #expect(harness.requests.map(\.method) == [.invite, .cancel, .ack, .bye])
        #expect(!harness.events.contains { if case .answered = $0 { true } else { false } })
        harness.receive(FakeTrunk.response(to: harness.requests(.bye)[0], 200, "OK"))
        #expect(harness.ending == CallEnding(outcome: .noAnswer, statusCode: 200, reason: "answered after our CANCEL"))
        harness.runToCompletion()
        #expect(harness.call.isFinished)
    }

    @Test func noFinalAfterTheCancelEndsAt64T1() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.response(to: invite, 180, "Ringing"))
        harness.apply(harness.call.cancel(.engine))
        harness.receive(FakeTrunk.response(to: harness.requests(.cancel)[0], 200, "OK"))
        harness.runToCompletion()
        #expect(harness.ending == CallEnding(outcome: .cancelled, reason: "no final response after CANCEL"))
        #expect(harness.call.isFinished)
    }
}

@Suite("A 2xx after we gave the INVITE up is ACKed and hung up, without a second ending")
struct UACCallLateAnswerTests {
    @Test func aLate200AfterTheCancelGuardIsACKedThenBYEd() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.response(to: invite, 180, "Ringing"))
        harness.apply(harness.call.cancel(.engine))
        harness.run(until: .seconds(4))
        #expect(harness.ending?.outcome == .cancelled && harness.call.phase == .ended)
        harness.receive(FakeTrunk.ok(to: invite))
        #expect(Array(harness.requests.map(\.method).suffix(2)) == [.ack, .bye])
        harness.receive(FakeTrunk.ok(to: invite))
        #expect(harness.requests(.ack).count == 2 && harness.requests(.bye).count == 1)
        harness.receive(FakeTrunk.response(to: harness.requests(.bye)[0], 200, "OK"))
        harness.runToCompletion()
        #expect(harness.call.isFinished && harness.events.filter(\.isEnded).count == 1)
    }
}

@Suite("A 2xx from a second callee of a forked INVITE is ACKed and hung up; the first call goes on")
struct UACCallForkTests {
    @Test func theSecondLegIsACKedAndByedWithoutTouchingTheCall() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.ok(to: invite))
        let second = FakeTrunk.response(
            to: invite, 200, "OK", tag: "leg2", body: FakeTrunk.answerSDP,
            extra: [("Contact", "<sip:other@198.51.100.30:5070>")])
        harness.receive(second)
        let ackB = harness.requests(.ack).last!
        let byeB = harness.requests(.bye).last!
        #expect(try ackB.headers.to().tag == "leg2" && ackB.uri.host == "198.51.100.30")
        #expect(try byeB.headers.to().tag == "leg2" && byeB.headers.cseq() == CSeq(2, .bye))
        harness.receive(second)
        #expect(harness.requests(.ack).count == 3 && harness.requests(.bye).count == 1)
        harness.receive(FakeTrunk.response(to: byeB, 200, "OK"))
        harness.runToCompletion()
        #expect(harness.call.phase == .established && harness.ending == nil)
        harness.apply(harness.call.hangUp())
        let byeA = harness.requests(.bye).last!
        #expect(try byeA.headers.to().tag == FakeTrunk.remoteTag && byeA.headers.cseq() == CSeq(3, .bye))
        harness.receive(FakeTrunk.response(to: byeA, 200, "OK"))
        #expect(harness.ending?.hungUpBy == .local && harness.events.filter(\.isEnded).count == 1)
    }
}
