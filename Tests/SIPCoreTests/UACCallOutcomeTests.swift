import SIPCore
import Testing

@Suite("Final responses map to outcomes as SPEC §12 says, the non-2xx is ACKed, and Timer B or a transport error fail")
struct UACCallOutcomeTests {
    @Test(arguments: [
        (486, SIPCallOutcome.busy), (600, .busy), (603, .rejected), (404, .invalidNumber), (484, .invalidNumber),
        (604, .invalidNumber), (480, .noAnswer), (408, .noAnswer), (487, .failed), (503, .failed), (403, .failed),
        (500, .failed), (302, .failed), (401, .failed), (407, .failed), (488, .failed), (606, .failed),
    ])
    func aFinalEndsTheCallWithItsOutcome(_ code: Int, _ outcome: SIPCallOutcome) throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.response(to: invite, 100, "Trying"))
        harness.receive(FakeTrunk.response(to: invite, code, "Reason"))
        #expect(harness.ending?.outcome == outcome && harness.ending?.statusCode == code)
        #expect(harness.requests.map(\.method) == [.invite, .ack])
        #expect(try harness.requests(.ack)[0].headers.topVia().branch == invite.headers.topVia().branch)
        #expect(!harness.call.isFinished)
        harness.receive(FakeTrunk.response(to: invite, code, "Reason"))
        #expect(harness.requests(.ack).count == 2 && harness.events.filter(\.isEnded).count == 1)
        harness.runToCompletion()
        #expect(harness.call.isFinished && harness.timers.now == .seconds(32))
    }

    @Test func theMappingTable() {
        #expect(SIPCallOutcome.forFinal(200) == .answered && SIPCallOutcome.forFinal(204) == .answered)
        #expect(SIPCallOutcome.forFinal(487, cancelledFor: .ringTimeout) == .noAnswer)
        #expect(SIPCallOutcome.forFinal(487, cancelledFor: .engine) == .cancelled)
        #expect(SIPCallOutcome.forFinal(486, cancelledFor: .engine) == .busy)
        #expect(
            SIPCallOutcome.invalidNumber.rawValue == "invalid_number" && SIPCallOutcome.noAnswer.rawValue == "no_answer"
        )
    }

    @Test func timerBFailsACallNobodyAnswers() throws {
        var harness = try CallHarness(CallHarness.configuration(ringTimeout: nil))
        harness.start()
        harness.runToCompletion()
        #expect(harness.ending == CallEnding(outcome: .failed, reason: "no response to the INVITE (Timer B)"))
        #expect(harness.requests(.invite).count == 7 && harness.requests(.cancel).isEmpty)
        #expect(harness.timers.now == .milliseconds(3200) && harness.call.isFinished)
    }

    @Test func aTransportErrorFailsTheCall() throws {
        var harness = try CallHarness()
        harness.start()
        harness.apply(harness.call.transportFailed())
        #expect(harness.ending == CallEnding(outcome: .failed, reason: "transport error"))
        #expect(harness.call.isFinished && harness.timers.running.isEmpty)
    }

    @Test func earlyMediaThen404IsAnInvalidNumber() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.response(to: invite, 183, "Session Progress", body: FakeTrunk.answerSDP))
        harness.receive(FakeTrunk.response(to: invite, 404, "Not Found"))
        #expect(harness.events.count == 3)
        #expect(harness.ending == CallEnding(outcome: .invalidNumber, statusCode: 404, reason: "404 Not Found"))
    }
}

extension CallEvent {
    var isEnded: Bool { if case .ended = self { true } else { false } }
}
