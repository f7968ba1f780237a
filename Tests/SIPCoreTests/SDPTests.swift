import SIPCore
import Testing

@Suite("Our SDP offer and the answers we accept or refuse")
struct SDPTests {
    @Test func theOfferIsPCMUAndTelephoneEventAt20ms() {
        let offer = SDPOffer(sessionID: 42, address: "203.0.113.5", port: 16000)
        #expect(
            offer.text == """
                v=0\r
                o=outbound 42 42 IN IP4 203.0.113.5\r
                s=-\r
                c=IN IP4 203.0.113.5\r
                t=0 0\r
                m=audio 16000 RTP/AVP 0 101\r
                a=rtpmap:0 PCMU/8000\r
                a=rtpmap:101 telephone-event/8000\r
                a=fmtp:101 0-15\r
                a=ptime:20\r
                a=sendrecv\r

                """)
        #expect(SDPOffer(sessionID: 1, address: "2001:db8::5", port: 2).text.contains("c=IN IP6 2001:db8::5"))
    }

    @Test func ourOwnOfferParsesAsAnAnswer() throws {
        let media = try MediaDescription.parseAnswer(SDPOffer(sessionID: 1, address: "192.0.2.1", port: 4000).bytes)
        #expect(
            media
                == MediaDescription(
                    address: "192.0.2.1", port: 4000, payloadTypes: [0, 101], telephoneEventPayload: 101, ptime: 20))
    }

    @Test func mediaLevelValuesWinAndDynamicEventsAreFound() throws {
        let answer = Array(
            """
            v=0
            o=- 1 1 IN IP4 10.0.0.1
            s=-
            c=IN IP4 10.0.0.1
            a=recvonly
            t=0 0
            m=video 5000 RTP/AVP 31
            c=IN IP4 10.0.0.9
            m=audio 30000 RTP/AVP 8 0 96
            c=IN IP4 198.51.100.7
            a=rtpmap:96 telephone-event/8000
            a=fmtp:96 0-16
            a=ptime:30
            a=sendonly

            """.utf8)
        let media = try MediaDescription.parseAnswer(answer)
        #expect(media.address == "198.51.100.7" && media.port == 30000 && media.payloadTypes == [8, 0, 96])
        #expect(media.telephoneEventPayload == 96 && media.ptime == 30 && media.direction == .sendonly)
    }

    @Test func sessionLevelConnectionAndDirectionApply() throws {
        let answer = Array("v=0\r\nc=IN IP4 10.1.1.1\r\na=inactive\r\nm=audio 7000 RTP/AVP 0\r\n".utf8)
        let media = try MediaDescription.parseAnswer(answer)
        #expect(media.address == "10.1.1.1" && media.direction == .inactive && media.telephoneEventPayload == nil)
    }

    @Test func aDynamicPayloadMappedToPCMUCounts() throws {
        let answer = Array("v=0\r\nc=IN IP4 10.1.1.1\r\nm=audio 7000 RTP/AVP 97\r\na=rtpmap:97 PCMU/8000\r\n".utf8)
        #expect(try MediaDescription.parseAnswer(answer).payloadTypes == [97])
    }

    @Test(arguments: [
        ("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 7000 RTP/AVP 8\r\n", "the answer has no PCMU/8000 (G.711 μ-law)"),
        ("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 0 RTP/AVP 0\r\n", "the audio stream was refused (port 0)"),
        ("v=0\r\nm=audio 7000 RTP/AVP 0\r\n", "no connection address"),
        ("v=0\r\nc=IN IP4 1.2.3.4\r\nm=video 7000 RTP/AVP 31\r\n", "no audio stream"),
        ("c=IN IP4 1.2.3.4\r\nm=audio 7000 RTP/AVP 0\r\n", "no v=0 line"),
        ("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 99999 RTP/AVP 0\r\n", "the audio port is not a number"),
        (
            "v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 7000 RTP/AVP 0\r\na=rtpmap:0 PCMA/8000\r\n",
            "the answer has no PCMU/8000 (G.711 μ-law)"
        ),
        ("garbage", "a line is not x=value"),
        ("", "the body is empty"),
    ])
    func unusableAnswersAreRefusedWithAReason(_ text: String, _ reason: String) {
        #expect(throws: SIPError.sdp(reason)) { try MediaDescription.parseAnswer(Array(text.utf8)) }
    }

    @Test func nonUTF8BodyIsRefused() {
        #expect(throws: SIPError.sdp("the body is not UTF-8")) { try MediaDescription.parseAnswer([0x76, 0x3D, 0xFF]) }
    }
}
