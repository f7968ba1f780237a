extension UACCall {
    /// A response from the network: to its transaction when one matches (CSeq and branch); else a retransmitted
    /// 2xx to the INVITE, which is ACKed again, or a 2xx from another leg, which is ACKed and hung up.
    mutating func incoming(_ response: SIPResponse) -> [CallAction] {
        // §8.1.3.3: a response with more than one Via was not meant for us.
        guard (try? response.headers.callID()) == identity.callID, let cseq = try? response.headers.cseq(),
            let vias = try? response.headers.vias(), vias.count == 1, let via = vias.first
        else { return [] }
        let key = TransactionKey(cseq.number, cseq.method)
        if let transaction = transactions[key], transaction.branch == via.branch {
            return feed(key) { $0.receive(response) }
        }
        if cseq.method == .invite, response.isSuccess, let ack, let dialog,
            (try? response.headers.to().tag) == dialog.remote.tag
        {
            return [.send(.request(ack))]
        }
        if cseq.method == .invite, cseq.number == inviteKey.cseq, response.isSuccess,
            let tag = try? response.headers.to().tag
        {
            if let ack = otherLegs[tag] { return [.send(.request(ack))] }
            if dialog != nil || phase == .ended { return hangUpOtherLeg(response, tag: tag) }
        }
        return []
    }

    /// A 2xx from a second callee (a forked INVITE), or one after we gave the INVITE up (Timer B, the CANCEL
    /// guard): ACK it and hang that leg up at once, reporting nothing, so nobody is left on a dead line.
    private mutating func hangUpOtherLeg(_ response: SIPResponse, tag: String) -> [CallAction] {
        guard let leg = try? Dialog(invite: invite, response: response) else { return [] }
        let ack = leg.request(.ack, cseq: inviteKey.cseq, via: nextVia())
        otherLegs[tag] = ack
        let key = TransactionKey(nextCSeq(), .bye)
        otherLegByes.insert(key)
        let bye = leg.request(.bye, cseq: key.cseq, via: nextVia())
        return [.send(.request(ack))]
            + startTransaction(.nonInvite(NonInviteClientTransaction(request: bye, timers: configuration.timers)))
    }

    /// A response the current INVITE transaction delivered.
    mutating func inviteResponse(_ response: SIPResponse) -> [CallAction] {
        if response.isProvisional { return provisional(response) }
        if response.isSuccess { return answered(response) }
        return rejected(response)
    }

    private mutating func provisional(_ response: SIPResponse) -> [CallAction] {
        guard phase == .calling || phase == .early else { return [] }
        phase = .early
        var out: [CallAction] = []
        if response.statusCode == 100 {
            if !reportedTrying {
                reportedTrying = true
                out.append(.event(.trying))
            }
        } else {
            if !reportedRinging {
                reportedRinging = true
                out.append(.event(.ringing(statusCode: response.statusCode)))
            }
            if !response.body.isEmpty, let media = try? MediaDescription.parseAnswer(response.body),
                media != earlyMedia
            {
                earlyMedia = media
                out.append(.event(.earlyMedia(media)))
            }
        }
        if cancelReason != nil, !cancelSent { out += sendCancel() }
        return out
    }

    private mutating func answered(_ response: SIPResponse) -> [CallAction] {
        guard phase == .calling || phase == .early else { return [] }
        var out: [CallAction] = [.cancelTimer(.ringTimeout), .cancelTimer(.cancelGuard)]
        guard let dialog = try? Dialog(invite: invite, response: response) else {
            return out + finish(CallEnding(outcome: .failed, statusCode: response.statusCode, reason: "unusable 2xx"))
        }
        self.dialog = dialog
        var ack = dialog.request(.ack, cseq: inviteKey.cseq, via: nextVia())
        for name in ["Authorization", "Proxy-Authorization"] {
            if let value = invite.headers[name] { ack.headers.add(name, value) }
        }
        self.ack = ack
        out.append(.send(.request(ack)))
        phase = .established
        if let reason = cancelReason {
            return out
                + bye(ending: CallEnding(outcome: reason.outcome, statusCode: 200, reason: "answered after our CANCEL"))
        }
        do {
            let media = try MediaDescription.parseAnswer(response.body)
            return out + [.event(.answered(media))]
        } catch {
            let ending = CallEnding(
                outcome: .failed, statusCode: response.statusCode, reason: "answer refused: \(error)")
            return out + bye(ending: ending)
        }
    }

    private mutating func rejected(_ response: SIPResponse) -> [CallAction] {
        guard phase == .calling || phase == .early else { return [] }
        let code = response.statusCode
        // One answer per challenge; a second challenge means wrong credentials unless it says the nonce was
        // stale, which earns one more try: never a loop.
        let mayAnswer = inviteAuthAttempts == 0 || (inviteAuthAttempts == 1 && Self.isStale(response))
        if code == 401 || code == 407, configuration.credentials != nil, mayAnswer, cancelReason == nil {
            inviteAuthAttempts += 1
            do {
                return try retryInvite(after: response)
            } catch {
                return finish(
                    CallEnding(outcome: .failed, statusCode: code, reason: "cannot answer challenge: \(error)"))
            }
        }
        let reason =
            code == 401 || code == 407 ? "\(code) \(response.reason) (authentication)" : "\(code) \(response.reason)"
        return finish(
            CallEnding(
                outcome: SIPCallOutcome.forFinal(code, cancelledFor: cancelReason), statusCode: code, reason: reason))
    }

    private mutating func retryInvite(after response: SIPResponse) throws(SIPError) -> [CallAction] {
        let cseq = nextCSeq()
        var request = makeInvite(cseq: cseq)
        let (name, value) = try authorization(for: response, method: .invite, uri: request.uri, cseq: cseq)
        request.headers.add(name, value)
        invite = request
        inviteKey = TransactionKey(cseq, .invite)
        phase = .calling
        return startTransaction(.invite(InviteClientTransaction(invite: request, timers: configuration.timers)))
    }

    /// Whether a challenge says our previous answer used a stale nonce (RFC 7616 §3.3 `stale=true`).
    static func isStale(_ response: SIPResponse) -> Bool {
        (response.headers.values("WWW-Authenticate") + response.headers.values("Proxy-Authenticate"))
            .contains { (try? DigestChallenge.parse($0).stale) == true }
    }

    /// A BYE with credentials answering the challenge in `response`, or nil when it cannot be answered.
    mutating func authorizedBye(after response: SIPResponse) -> SIPRequest? {
        guard let dialog else { return nil }
        let cseq = nextCSeq()
        var request = dialog.request(.bye, cseq: cseq, via: nextVia())
        guard let (name, value) = try? authorization(for: response, method: .bye, uri: request.uri, cseq: cseq) else {
            return nil
        }
        request.headers.add(name, value)
        return request
    }

    /// The Authorization (401) or Proxy-Authorization (407) header answering the challenge, SHA-256 preferred.
    private func authorization(
        for response: SIPResponse, method: SIPMethod, uri: SIPURI, cseq: UInt32
    ) throws(SIPError) -> (String, String) {
        guard let credentials = configuration.credentials else { throw .digest("no credentials") }
        let proxy = response.statusCode == 407
        let challenges = response.headers.values(proxy ? "Proxy-Authenticate" : "WWW-Authenticate")
            .compactMap { try? DigestChallenge.parse($0) }
        guard let challenge = challenges.first(where: { $0.algorithm == .sha256 }) ?? challenges.first else {
            throw .digest("no Digest challenge we support")
        }
        let answer = try DigestAuthorization(
            challenge: challenge, credentials: credentials, method: method.rawValue, uri: uri.description,
            cnonce: identity.token + String(cseq, radix: 16))
        return (proxy ? "Proxy-Authorization" : "Authorization", answer.headerValue)
    }
}
