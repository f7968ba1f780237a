/// Messages in the shape real peers put on the wire (SIPp 3.6.1's built-in UAS, Kamailio 5.6 challenging),
/// CRLF line ends as captured.
enum Captured {
    static func bytes(_ text: String) -> [UInt8] {
        Array(text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n").utf8)
    }

    static let sippRinging = bytes(
        """
        SIP/2.0 180 Ringing
        Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-15103-1-0;received=127.0.0.1;rport=5061
        From: sipp <sip:sipp@127.0.0.1:5061>;tag=15103SIPpTag001
        To: sut <sip:15551230000@127.0.0.1:5072>;tag=15122SIPpTag011
        Call-ID: 1-15103@127.0.0.1
        CSeq: 1 INVITE
        Contact: <sip:127.0.0.1:5072;transport=UDP>
        Content-Length: 0


        """)

    static let sippOK = bytes(
        """
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-15103-1-0
        From: sipp <sip:sipp@127.0.0.1:5061>;tag=15103SIPpTag001
        To: sut <sip:15551230000@127.0.0.1:5072>;tag=15122SIPpTag011
        Call-ID: 1-15103@127.0.0.1
        CSeq: 1 INVITE
        Contact: <sip:127.0.0.1:5072;transport=UDP>
        Content-Type: application/sdp
        Content-Length:   129

        v=0
        o=user1 53655765 2353687637 IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio 6000 RTP/AVP 0
        a=rtpmap:0 PCMU/8000

        """)

    static let kamailio407 = bytes(
        """
        SIP/2.0 407 Proxy Authentication Required
        Via: SIP/2.0/UDP 127.0.0.1:5302;branch=z9hG4bK-2201-1-0;rport=5302
        From: "Outbound" <sip:+15550001111@127.0.0.1:5302>;tag=2201SIPpTag001
        To: <sip:15553334444@127.0.0.1:5301>;tag=b27e1a1d33761e85846fc98f5f3a7e58.5b2a
        Call-ID: 1-2201@127.0.0.1
        CSeq: 1 INVITE
        Proxy-Authenticate: Digest realm="trunk.test", nonce="ZWJmNjcxYjMwMDAwMDAwMGM2ZDk0YjU1NzEwZjUwYTU=", qop="auth"
        Server: kamailio (5.6.3 (x86_64/linux))
        Content-Length: 0


        """)

    static let carrierOKWithRoutes = bytes(
        """
        SIP/2.0 200 OK
        v: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bKabc.1;rport=40211;received=198.51.100.99
        Record-Route: <sip:edge2.carrier.example;lr>,<sip:edge1.carrier.example;lr;ftag=xyz>
        f: "Acme \\"Sales\\"" <sip:+15550001111@203.0.113.5>;tag=ourtag
        t: <sip:+15551230000@trunk.carrier.example>;tag=theirs
        i: call-1@203.0.113.5
        CSeq: 1 INVITE
        m: <sip:+15551230000@198.51.100.20:5070;transport=udp>
        k: timer
        s: a
         folded subject
        c: application/sdp
        l: 10

        0123456789TRAILING-GARBAGE
        """)
}
