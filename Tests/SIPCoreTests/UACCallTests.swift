import SIPCore
import Testing

@Suite("UAC call: the INVITE we build, provisionals, answer with ACK and route set, BYE both ways")
struct UACCallTests {
    @Test func theInviteCarriesCallerIDContactViaAndThePCMUOffer() throws {
        var harness = try CallHarness(CallHarness.configuration(assertedIdentity: "+15550009999"))
        harness.start()
        let invite = try harness.wire(harness.lastInvite)
        #expect(invite.uri.description == "sip:+15551230000@trunk.example")
        #expect(try invite.headers.to().uri == invite.uri && invite.headers.to().tag == nil)
        let from = try invite.headers.from()
        #expect(from.displayName == "Acme" && from.uri.user == "+15550001111" && from.tag == "ourtag")
        #expect(from.uri.host == "203.0.113.5")
        let via = try invite.headers.topVia()
        #expect(via.host == "203.0.113.5" && via.port == 5060 && via.branch?.hasPrefix("z9hG4bK") == true)
        #expect(via.parameters.contains("rport"))
        #expect(try invite.headers.addresses("Contact").first?.uri.description == "sip:+15550001111@203.0.113.5:5060")
        #expect(invite.headers["P-Asserted-Identity"] == "<sip:+15550009999@203.0.113.5>")
        #expect(invite.headers["Max-Forwards"] == "70" && invite.headers["Content-Type"] == "application/sdp")
        #expect(try invite.headers.cseq() == CSeq(1, .invite) && invite.headers.callID() == "call-1@203.0.113.5")
        let offer = try MediaDescription.parseAnswer(invite.body)
        #expect(offer.address == "203.0.113.5" && offer.port == 16000 && offer.payloadTypes == [0, 101])
        #expect(offer.telephoneEventPayload == 101 && offer.ptime == 20 && offer.direction == .sendrecv)
        #expect(
            harness.timers.running == [
                .ringTimeout, .transaction(TransactionKey(1, .invite), .a),
                .transaction(TransactionKey(1, .invite), .b),
            ])
    }

    @Test func provisionalsGiveTryingRingingAndEarlyMediaThenAnswer() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.response(to: invite, 100, "Trying"))
        harness.receive(FakeTrunk.response(to: invite, 180, "Ringing"))
        harness.receive(FakeTrunk.response(to: invite, 180, "Ringing"))
        harness.receive(FakeTrunk.response(to: invite, 183, "Session Progress", body: FakeTrunk.answerSDP))
        harness.receive(FakeTrunk.response(to: invite, 183, "Session Progress", body: FakeTrunk.answerSDP))
        let media = try MediaDescription.parseAnswer(FakeTrunk.answerSDP)
        #expect(harness.events == [.trying, .ringing(statusCode: 180), .earlyMedia(media)])
        #expect(harness.call.phase == .early && harness.requests.count == 1)
        harness.receive(FakeTrunk.ok(to: invite))
        #expect(harness.events.last == .answered(media) && harness.call.phase == .established)
        #expect(!harness.timers.running.contains(.ringTimeout))
    }

    @Test func theACKFor2xxUsesTheRemoteTargetAndTheReversedRouteSet() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(
            FakeTrunk.ok(
                to: invite, recordRoute: ["<sip:edge2.carrier.example;lr>", "<sip:edge1.carrier.example;lr;ftag=x>"]))
        let ack = try harness.wire(harness.requests(.ack)[0])
        #expect(ack.uri.description == "sip:callee@198.51.100.20:5070")
        #expect(
            try ack.headers.addresses("Route").map(\.uri.host) == ["edge1.carrier.example", "edge2.carrier.example"])
        #expect(try ack.headers.cseq() == CSeq(1, .ack))
        #expect(try ack.headers.to().tag == FakeTrunk.remoteTag && ack.headers.from().tag == "ourtag")
        #expect(try ack.headers.topVia().branch != invite.headers.topVia().branch)
        #expect(harness.call.dialog?.routeSet.count == 2)
        harness.receive(FakeTrunk.ok(to: invite))
        harness.receive(FakeTrunk.ok(to: invite))
        #expect(
            harness.requests(.ack).count == 3 && harness.requests(.ack).allSatisfy { $0 == harness.requests(.ack)[0] })
        #expect(harness.events.filter { if case .answered = $0 { true } else { false } }.count == 1)
    }

    @Test func aStrictFirstRouteBecomesTheRequestURI() throws {
        var harness = try CallHarness()
        harness.start()
        harness.receive(FakeTrunk.ok(to: harness.lastInvite, recordRoute: ["<sip:strict.carrier.example>"]))
        let ack = harness.requests(.ack)[0]
        #expect(ack.uri.host == "strict.carrier.example")
        #expect(try ack.headers.addresses("Route").map(\.uri.description) == ["sip:callee@198.51.100.20:5070"])
    }

    @Test func weHangUpWithBYEAndEndWhenItIsAnswered() throws {
        var harness = try CallHarness()
        harness.start()
        harness.receive(FakeTrunk.ok(to: harness.lastInvite))
        harness.apply(harness.call.hangUp())
        let bye = try harness.wire(harness.requests(.bye)[0])
        #expect(try bye.headers.cseq() == CSeq(2, .bye) && bye.uri.description == "sip:callee@198.51.100.20:5070")
        #expect(try bye.headers.to().tag == FakeTrunk.remoteTag && bye.headers.from().tag == "ourtag")
        #expect(harness.call.phase == .terminating && harness.ending == nil)
        harness.run(until: .milliseconds(120))
        #expect(harness.requests(.bye).count == 2)
        harness.receive(FakeTrunk.response(to: bye, 200, "OK"))
        #expect(
            harness.ending == CallEnding(outcome: .answered, statusCode: 200, reason: "we hung up", hungUpBy: .local))
        #expect(!harness.call.isFinished)
        harness.runToCompletion()
        #expect(harness.call.isFinished && harness.requests(.bye).count == 2)
    }

    @Test func aBYEThatIsNeverAnsweredStillEndsTheCallAtTimerF() throws {
        var harness = try CallHarness()
        harness.start()
        harness.receive(FakeTrunk.ok(to: harness.lastInvite))
        harness.apply(harness.call.hangUp())
        harness.runToCompletion()
        #expect(harness.ending?.outcome == .answered && harness.call.isFinished)
        #expect(harness.sent.last!.at == .milliseconds(3150))
    }

    @Test func theCalleeHangsUpAndIsAnswered200() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.ok(to: invite))
        harness.receive(FakeTrunk.bye(for: invite))
        let ok = try #require(harness.responses.first)
        #expect(ok.statusCode == 200 && ok.headers["cseq"] == "1 BYE")
        #expect(ok.headers["via"] == "SIP/2.0/UDP 198.51.100.20:5070;branch=z9hG4bK-remote-bye")
        #expect(
            harness.ending
                == CallEnding(outcome: .answered, statusCode: 200, reason: "callee hung up", hungUpBy: .remote))
        #expect(harness.call.isFinished)
        harness.receive(FakeTrunk.bye(for: invite))
        #expect(harness.responses.count == 2 && harness.events.count == 2)
    }

    @Test func aSessionRefreshGetsOurSessionAgainAndAnOfferWithoutPCMUIs488() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.ok(to: invite))
        func reinvite(_ sdp: String?, method: SIPMethod = .invite, cseq: UInt32) -> SIPRequest {
            var request = FakeTrunk.bye(for: invite, cseq: cseq)
            request.method = method
            request.headers.set("CSeq", "\(cseq) \(method.rawValue)")
            if let sdp {
                request.headers.set("Content-Type", "application/sdp")
                request.body = Array(sdp.utf8)
            }
            return request
        }
        let pcmu =
            "v=0\r\no=- 1 2 IN IP4 203.0.113.5\r\ns=-\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n"
        harness.receive(reinvite(pcmu, cseq: 5))
        let refreshed = try #require(harness.responses.last)
        #expect(refreshed.statusCode == 200 && refreshed.body == invite.body, "our session, unchanged")
        #expect(refreshed.headers["content-type"] == "application/sdp" && refreshed.headers["contact"] != nil)
        harness.receive(reinvite(nil, cseq: 6))
        #expect(harness.responses.last?.statusCode == 200 && harness.responses.last?.body == invite.body)
        harness.receive(reinvite(nil, method: .update, cseq: 7))
        #expect(harness.responses.last?.statusCode == 200 && harness.responses.last?.body.isEmpty == true)
        let g729 = pcmu.replacingOccurrences(of: "RTP/AVP 0 101", with: "RTP/AVP 18")
        harness.receive(reinvite(g729, cseq: 8))
        #expect(harness.responses.last?.statusCode == 488)
        #expect(harness.call.phase == .established, "the call goes on either way")
    }

    @Test func requestsOutsideTheDialogGet481AndOthersAreAnswered() throws {
        var harness = try CallHarness()
        harness.start()
        let invite = harness.lastInvite
        harness.receive(FakeTrunk.bye(for: invite))
        #expect(harness.responses.last?.statusCode == 481)
        var stray = FakeTrunk.bye(for: invite)
        stray.headers.set("To", "<sip:nobody@203.0.113.5>")
        harness.receive(stray)
        #expect(try harness.responses.last?.headers.to().tag == "ourtag")
        harness.receive(FakeTrunk.ok(to: invite))
        for (method, code) in [(SIPMethod.options, 200), (.invite, 200), (.update, 200), (SIPMethod("REFER"), 501)] {
            var request = FakeTrunk.bye(for: invite, cseq: 5)
            request.method = method
            request.headers.set("CSeq", "5 \(method.rawValue)")
            harness.receive(request)
            #expect(harness.responses.last?.statusCode == code)
        }
        var ack = FakeTrunk.bye(for: invite)
        ack.method = .ack
        let before = harness.sent.count
        harness.receive(ack)
        #expect(harness.sent.count == before && harness.call.phase == .established)
    }

    @Test func anAnswerWithoutPCMUIsACKedThenHungUp() throws {
        var harness = try CallHarness()
        harness.start()
        let pcma = Array("v=0\r\nc=IN IP4 198.51.100.20\r\nm=audio 16020 RTP/AVP 8\r\n".utf8)
        harness.receive(FakeTrunk.response(to: harness.lastInvite, 200, "OK", body: pcma))
        #expect(harness.requests.map(\.method) == [.invite, .ack, .bye])
        harness.receive(FakeTrunk.response(to: harness.requests(.bye)[0], 200, "OK"))
        #expect(harness.ending?.outcome == .failed)
        #expect(harness.ending?.reason.contains("no PCMU") == true)
    }

    @Test func strayAndForeignResponsesAreIgnored() throws {
        var harness = try CallHarness()
        harness.start()
        var foreign = FakeTrunk.response(to: harness.lastInvite, 180, "Ringing")
        foreign.headers.set("Call-ID", "other@x")
        harness.receive(foreign)
        var wrongBranch = FakeTrunk.response(to: harness.lastInvite, 180, "Ringing")
        wrongBranch.headers.set("Via", "SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bKnot-ours")
        harness.receive(wrongBranch)
        var twoVias = FakeTrunk.response(to: harness.lastInvite, 180, "Ringing")
        twoVias.headers.add("Via", "SIP/2.0/UDP 198.51.100.1;branch=z9hG4bKproxy")
        harness.receive(twoVias)
        #expect(harness.events.isEmpty && harness.call.phase == .calling)
    }

    @Test func badConfigurationsAreRefused() {
        var bad = CallHarness.configuration()
        bad.trunkHost = "trunk example"
        #expect(throws: SIPError.self) { try UACCall(configuration: bad, identity: CallHarness.identity) }
        bad = CallHarness.configuration()
        bad.destination = ""
        #expect(throws: SIPError.self) { try UACCall(configuration: bad, identity: CallHarness.identity) }
        #expect(throws: SIPError.self) {
            try UACCall(
                configuration: CallHarness.configuration(),
                identity: CallIdentity(callID: "a b", localTag: "t", token: "k", sessionID: 1))
        }
    }

    @Test func oddNumbersAreEscapedInTheUserPart() throws {
        var configuration = CallHarness.configuration()
        configuration.destination = "+1 555 <0100>"
        var harness = try CallHarness(configuration)
        harness.start()
        #expect(try harness.wire(harness.lastInvite).uri.user == "+1%20555%20%3C0100%3E")
    }
}
