extension UACCall {
    /// Starts a client transaction and runs what it asks.
    mutating func startTransaction(_ transaction: ClientTransaction) -> [CallAction] {
        guard let cseq = try? transaction.request.headers.cseq() else { return [] }
        let key = TransactionKey(cseq.number, cseq.method)
        var transaction = transaction
        let actions = transaction.start()
        transactions[key] = transaction
        return run(key, actions)
    }

    /// Feeds the transaction `key`, if it is still alive, and runs what it asks.
    mutating func feed(
        _ key: TransactionKey, _ input: (inout ClientTransaction) -> [TransactionAction]
    ) -> [CallAction] {
        guard var transaction = transactions[key] else { return [] }
        let actions = input(&transaction)
        transactions[key] = transaction
        return run(key, actions)
    }

    private mutating func run(_ key: TransactionKey, _ actions: [TransactionAction]) -> [CallAction] {
        var out: [CallAction] = []
        for action in actions {
            switch action {
            case .send(let request): out.append(.send(.request(request)))
            case .startTimer(let timer, let after): out.append(.startTimer(.transaction(key, timer), after: after))
            case .cancelTimer(let timer): out.append(.cancelTimer(.transaction(key, timer)))
            case .deliver(let response): out += delivered(response, for: key)
            case .terminated(let end):
                transactions[key] = nil
                out += terminated(end, for: key)
            }
        }
        return out
    }

    private mutating func delivered(_ response: SIPResponse, for key: TransactionKey) -> [CallAction] {
        guard !otherLegByes.contains(key) else { return [] }
        switch key.method {
        case .invite where key == inviteKey:
            return inviteResponse(response)
        case .bye where !response.isProvisional:
            if response.statusCode == 401 || response.statusCode == 407, !byeAuthorized,
                let retry = authorizedBye(after: response)
            {
                byeAuthorized = true
                return startTransaction(
                    .nonInvite(NonInviteClientTransaction(request: retry, timers: configuration.timers)))
            }
            return finishPending()
        default:
            return []
        }
    }

    private mutating func terminated(_ end: TransactionEnd, for key: TransactionKey) -> [CallAction] {
        guard otherLegByes.remove(key) == nil else { return [] }
        switch (key.method, end) {
        case (.invite, .timedOut) where key == inviteKey:
            let outcome: SIPCallOutcome = cancelReason == .engine ? .cancelled : .failed
            return finish(CallEnding(outcome: outcome, reason: "no response to the INVITE (Timer B)"))
        case (.invite, .transportError) where key == inviteKey:
            return finish(CallEnding(outcome: .failed, reason: "transport error"))
        case (.bye, .timedOut), (.bye, .transportError):
            return finishPending()
        default:
            return []
        }
    }

    mutating func finishPending() -> [CallAction] {
        finish(pendingEnding ?? CallEnding(outcome: .answered, statusCode: 200, reason: "ended", hungUpBy: .local))
    }

    /// A fresh branch for a new client transaction or a 2xx ACK.
    mutating func nextVia() -> Via {
        branchCount += 1
        var parameters = SIPParameters()
        parameters.set("branch", "z9hG4bK" + identity.token + "." + String(branchCount))
        parameters.set("rport", nil)
        return Via(host: configuration.publicAddress, port: configuration.sipPort, parameters: parameters)
    }

    /// The next CSeq number for a new request in this call.
    mutating func nextCSeq() -> UInt32 {
        lastCSeq += 1
        return lastCSeq
    }
}
