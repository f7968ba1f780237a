import SIPCore

/// Builds what a trunk (a UAS such as SIPp) would answer to our requests, and requests it would send us.
enum FakeTrunk {
    static let remoteTag = "as7d9f1"

    static let answerSDP = Array(
        """
        v=0\r
        o=sipp 1 1 IN IP4 198.51.100.20\r
        s=-\r
        c=IN IP4 198.51.100.20\r
        t=0 0\r
        m=audio 16020 RTP/AVP 0 101\r
        a=rtpmap:0 PCMU/8000\r
        a=rtpmap:101 telephone-event/8000\r
        a=ptime:20\r
        a=sendrecv\r

        """.utf8)

    /// A response to `request` copying Via, From, To (adding the trunk's tag except on 100), Call-ID and CSeq.
    static func response(
        to request: SIPRequest, _ code: Int, _ reason: String, tag: String? = remoteTag, body: [UInt8] = [],
        extra: [(String, String)] = []
    ) -> SIPResponse {
        var headers = SIPHeaders()
        for via in request.headers.values("via") { headers.add("Via", via + ";received=192.0.2.10") }
        headers.add("From", request.headers["from"] ?? "")
        var to = request.headers["to"] ?? ""
        if let tag, code != 100, !to.contains(";tag=") { to += ";tag=" + tag }
        headers.add("To", to)
        headers.add("Call-ID", request.headers["call-id"] ?? "")
        headers.add("CSeq", request.headers["cseq"] ?? "")
        for (name, value) in extra { headers.add(name, value) }
        if !body.isEmpty { headers.add("Content-Type", "application/sdp") }
        return SIPResponse(statusCode: code, reason: reason, headers: headers, body: body)
    }

    /// The 200 OK answering an INVITE, with a Contact and optionally Record-Route lines.
    static func ok(to invite: SIPRequest, recordRoute: [String] = []) -> SIPResponse {
        var extra = [("Contact", "<sip:callee@198.51.100.20:5070>")]
        for route in recordRoute { extra.append(("Record-Route", route)) }
        return response(to: invite, 200, "OK", body: answerSDP, extra: extra)
    }

    /// A BYE from the callee inside the dialog of `invite`.
    static func bye(for invite: SIPRequest, cseq: UInt32 = 1) -> SIPRequest {
        var headers = SIPHeaders()
        headers.add("Via", "SIP/2.0/UDP 198.51.100.20:5070;branch=z9hG4bK-remote-bye")
        headers.add("Max-Forwards", "70")
        headers.add("From", (invite.headers["to"] ?? "") + ";tag=" + remoteTag)
        headers.add("To", invite.headers["from"] ?? "")
        headers.add("Call-ID", invite.headers["call-id"] ?? "")
        headers.add("CSeq", "\(cseq) BYE")
        return SIPRequest(method: .bye, uri: SIPURI(user: "caller", host: "203.0.113.5", port: 5060), headers: headers)
    }
}
