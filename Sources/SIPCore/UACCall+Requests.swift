extension UACCall {
    /// The INVITE with our SDP offer: Request-URI and To `sip:destination@trunk`, From with the caller ID and our
    /// tag, Contact and Via on our public address, P-Asserted-Identity when configured.
    mutating func makeInvite(cseq: UInt32) -> SIPRequest {
        let config = configuration
        let uri = SIPURI(user: Self.escapeUser(config.destination), host: config.trunkHost, port: config.trunkPort)
        let fromHost = config.fromDomain ?? config.publicAddress
        var from = NameAddress(
            displayName: config.callerName, uri: SIPURI(user: Self.escapeUser(config.callerID), host: fromHost))
        from.tag = identity.localTag
        let contact = SIPURI(user: Self.escapeUser(config.callerID), host: config.publicAddress, port: config.sipPort)
        var headers = SIPHeaders()
        headers.add("Via", nextVia().description)
        headers.add("Max-Forwards", "70")
        headers.add("From", from.description)
        headers.add("To", NameAddress(uri: uri).description)
        headers.add("Call-ID", identity.callID)
        headers.add("CSeq", CSeq(cseq, .invite).description)
        headers.add("Contact", NameAddress(uri: contact).description)
        if let asserted = config.assertedIdentity {
            headers.add(
                "P-Asserted-Identity",
                NameAddress(uri: SIPURI(user: Self.escapeUser(asserted), host: fromHost)).description)
        }
        headers.add("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS")
        headers.add("User-Agent", config.userAgent)
        headers.add("Content-Type", "application/sdp")
        let offer = SDPOffer(sessionID: identity.sessionID, address: config.publicAddress, port: config.rtpPort)
        return SIPRequest(method: .invite, uri: uri, headers: headers, body: offer.bytes)
    }

    /// CANCEL (§9.1): the INVITE's Request-URI, Call-ID, From, To, Route, top Via (same branch) and CSeq number.
    mutating func sendCancel() -> [CallAction] {
        guard !cancelSent else { return [] }
        cancelSent = true
        var headers = SIPHeaders()
        if let via = try? invite.headers.topVia() { headers.add("Via", via.description) }
        headers.add("Max-Forwards", "70")
        for route in invite.headers.values("route") { headers.add("Route", route) }
        for name in ["From", "To", "Call-ID"] { if let value = invite.headers[name] { headers.add(name, value) } }
        headers.add("CSeq", CSeq(inviteKey.cseq, .cancel).description)
        let request = SIPRequest(method: .cancel, uri: invite.uri, headers: headers)
        let guardTime = configuration.timers.t1 * 64
        return [.startTimer(.cancelGuard, after: guardTime)]
            + startTransaction(.nonInvite(NonInviteClientTransaction(request: request, timers: configuration.timers)))
    }

    /// Sends BYE in the dialog; `ending` is reported when it completes (or fails).
    mutating func bye(ending: CallEnding) -> [CallAction] {
        guard let dialog else { return finish(ending) }
        pendingEnding = ending
        phase = .terminating
        let request = dialog.request(.bye, cseq: nextCSeq(), via: nextVia())
        return startTransaction(.nonInvite(NonInviteClientTransaction(request: request, timers: configuration.timers)))
    }

    /// A request from the callee: BYE is answered 200 and ends the call; OPTIONS and INFO 200; a re-INVITE or
    /// UPDATE (a session-timer refresh, RFC 4028, or a hold) 200 with our session unchanged, unless its offer has no
    /// PCMU, which is 488 (the session stays as it is); other methods 501; anything outside our dialog 481. ACK is
    /// silent.
    mutating func incoming(_ request: SIPRequest) -> [CallAction] {
        guard request.method != .ack else { return [] }
        guard let dialog, (try? request.headers.to().tag) == dialog.local.tag,
            (try? request.headers.from().tag) == dialog.remote.tag,
            (try? request.headers.callID()) == dialog.callID
        else { return [.send(.response(response(to: request, 481, "Call/Transaction Does Not Exist")))] }
        switch request.method {
        case .bye:
            let ok: [CallAction] = [.send(.response(response(to: request, 200, "OK")))]
            if phase == .terminating { return ok + finishPending() }
            return ok
                + finish(CallEnding(outcome: .answered, statusCode: 200, reason: "callee hung up", hungUpBy: .remote))
        case .options, .info:
            return [.send(.response(response(to: request, 200, "OK")))]
        case .invite, .update:
            return [.send(.response(sessionRefreshed(request)))]
        default:
            return [.send(.response(response(to: request, 501, "Not Implemented")))]
        }
    }

    /// The answer to a re-INVITE or UPDATE inside the dialog: our own session description again (the same session
    /// and version: nothing changed on our side), so a carrier's refresh keeps the call up; an offer we cannot take
    /// (no PCMU, or unreadable) is 488. A body-less UPDATE is a refresh only: 200 without a body.
    func sessionRefreshed(_ request: SIPRequest) -> SIPResponse {
        if !request.body.isEmpty {
            // The same checks as an answer's: an audio stream with PCMU/8000 (static 0 or mapped), not refused.
            guard (try? MediaDescription.parseAnswer(request.body)) != nil else {
                return response(to: request, 488, "Not Acceptable Here")
            }
        }
        var ok = response(to: request, 200, "OK")
        if let contact = invite.headers["contact"] { ok.headers.add("Contact", contact) }
        ok.headers.add("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS")
        if request.method == .invite || !request.body.isEmpty {
            ok.headers.add("Content-Type", "application/sdp")
            ok.body = invite.body
        }
        return ok
    }

    func response(to request: SIPRequest, _ code: Int, _ reason: String) -> SIPResponse {
        SIPResponse(replyingTo: request, statusCode: code, reason: reason, toTag: identity.localTag)
    }

    /// %-escapes every byte a SIP user part may not hold as is (RFC 3261 §25.1 `user`).
    static func escapeUser(_ user: String) -> String {
        let allowed = Array("-_.!~*'()&=+$,;?/".utf8)
        var out = ""
        for byte in user.utf8 {
            if Byte.isAlphanumeric(byte) || allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]], as: UTF8.self)
            }
        }
        return out
    }
}
