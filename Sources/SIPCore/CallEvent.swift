/// Who hung up an answered call.
public enum CallParty: String, Equatable, Hashable, Sendable {
    /// We sent BYE.
    case local
    /// The callee sent BYE.
    case remote
}

/// How a call ended: the outcome, the final status when one decided it, and a short reason.
public struct CallEnding: Equatable, Hashable, Sendable {
    /// The telephony outcome.
    public var outcome: SIPCallOutcome
    /// The final response to the INVITE that decided the outcome, if any.
    public var statusCode: Int?
    /// A short human-readable reason (`486 Busy Here`, `Timer B`, `transport error`).
    public var reason: String
    /// For an answered call, who hung up.
    public var hungUpBy: CallParty?

    /// An ending.
    public init(outcome: SIPCallOutcome, statusCode: Int? = nil, reason: String, hungUpBy: CallParty? = nil) {
        self.outcome = outcome
        self.statusCode = statusCode
        self.reason = reason
        self.hungUpBy = hungUpBy
    }
}

/// Progress of a call, reported to the engine's event-driven call path.
public enum CallEvent: Equatable, Hashable, Sendable {
    /// The first 100 Trying.
    case trying
    /// The far end is alerting (the first 180, 181, 182 or 183 without usable SDP).
    case ringing(statusCode: Int)
    /// A provisional carried SDP: start receiving (and may send) RTP there. Reported again when the SDP changes.
    case earlyMedia(MediaDescription)
    /// A 2xx established the dialog; the ACK has been sent.
    case answered(MediaDescription)
    /// The call is over (reported once).
    case ended(CallEnding)
}

/// A timer of a call: a transaction's (keyed by CSeq number and method), the ring timeout, or the CANCEL guard.
public enum CallTimer: Equatable, Hashable, Sendable {
    /// A timer of the client transaction for this request.
    case transaction(TransactionKey, TransactionTimer)
    /// The ring timeout from the configuration.
    case ringTimeout
    /// 64·T1 after our CANCEL with no final to the INVITE: consider it cancelled (RFC 3261 §9.1).
    case cancelGuard
}

/// Identifies a client transaction within a call: the CSeq number and the method.
public struct TransactionKey: Equatable, Hashable, Sendable {
    /// The CSeq number.
    public var cseq: UInt32
    /// The method.
    public var method: SIPMethod

    /// A key.
    public init(_ cseq: UInt32, _ method: SIPMethod) {
        self.cseq = cseq
        self.method = method
    }
}

/// What a call asks its owner (the transport shell) to do.
public enum CallAction: Equatable, Hashable, Sendable {
    /// Send this message to the trunk (requests) or back where the request came from (responses).
    case send(SIPMessage)
    /// Start this timer, replacing it if it is running.
    case startTimer(CallTimer, after: Duration)
    /// Cancel this timer if it is running.
    case cancelTimer(CallTimer)
    /// Report this progress.
    case event(CallEvent)
}
