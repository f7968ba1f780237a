/// One outbound call from the caller's side (RFC 3261 §13, §15, §9, §22) as a state machine that returns actions:
/// it owns the INVITE, CANCEL and BYE client transactions, the dialog, the ring timeout and digest retries, and
/// reports ``CallEvent``s. It reads no clock and opens no socket: the owner sends what it asks, runs its timers and
/// feeds back messages, timer expiries and transport errors.
///
/// The owner keeps the call until ``isFinished`` (after `ended`, Timers D and K still absorb retransmissions).
public struct UACCall: Sendable {
    /// Where the call is.
    public enum Phase: Equatable, Sendable {
        /// Not started.
        case idle
        /// INVITE sent, no provisional yet.
        case calling
        /// A provisional arrived.
        case early
        /// A 2xx arrived and was ACKed.
        case established
        /// Our BYE is in flight.
        case terminating
        /// Over (``CallEvent/ended(_:)`` was reported).
        case ended
    }

    /// The configuration the call was made with.
    public let configuration: CallConfiguration
    /// The call's identifiers.
    public let identity: CallIdentity
    /// Where the call is.
    public internal(set) var phase: Phase = .idle
    /// The dialog, once a 2xx established it.
    public internal(set) var dialog: Dialog?

    var transactions: [TransactionKey: ClientTransaction] = [:]
    var invite: SIPRequest
    var inviteKey: TransactionKey
    var lastCSeq: UInt32 = 1
    var branchCount = 0
    var cancelReason: CancelReason?
    var cancelSent = false
    var inviteAuthAttempts = 0
    var byeAuthorized = false
    var reportedTrying = false
    var reportedRinging = false
    var earlyMedia: MediaDescription?
    var ack: SIPRequest?
    var pendingEnding: CallEnding?
    var otherLegs: [String: SIPRequest] = [:]
    var otherLegByes: Set<TransactionKey> = []

    /// A call; refused when a host or number in the configuration would not make a valid message.
    public init(configuration: CallConfiguration, identity: CallIdentity) throws(SIPError) {
        for (name, host) in [("trunkHost", configuration.trunkHost), ("publicAddress", configuration.publicAddress)] {
            let uri = try SIPURI.parse("sip:" + host, header: name)
            guard uri.port == nil, uri.parameters.items.isEmpty, uri.user == nil else {
                throw .badValue(header: name, reason: "not a bare host")
            }
        }
        guard !configuration.destination.isEmpty, !configuration.callerID.isEmpty else {
            throw .badValue(header: "Configuration", reason: "destination and caller ID must not be empty")
        }
        guard !identity.callID.isEmpty, !identity.callID.utf8.contains(where: Byte.isWhitespace),
            !identity.localTag.isEmpty, identity.localTag.utf8.allSatisfy(Byte.isToken),
            identity.token.utf8.allSatisfy(Byte.isToken)
        else { throw .badValue(header: "CallIdentity", reason: "identifiers must be tokens") }
        self.configuration = configuration
        self.identity = identity
        self.inviteKey = TransactionKey(1, .invite)
        self.invite = SIPRequest(method: .invite, uri: SIPURI(host: configuration.trunkHost))
        self.invite = makeInvite(cseq: 1)
    }

    /// Whether the call has ended and no transaction is left to absorb retransmissions: the owner may drop it.
    public var isFinished: Bool { phase == .ended && transactions.isEmpty }

    /// Sends the INVITE and starts the ring timeout.
    public mutating func start() -> [CallAction] {
        guard phase == .idle else { return [] }
        phase = .calling
        var out: [CallAction] = []
        if let ringTimeout = configuration.ringTimeout { out.append(.startTimer(.ringTimeout, after: ringTimeout)) }
        return out + startTransaction(.invite(InviteClientTransaction(invite: invite, timers: configuration.timers)))
    }

    /// Feeds a message received for this call (its Call-ID).
    public mutating func receive(_ message: SIPMessage) -> [CallAction] {
        switch message {
        case .request(let request): return incoming(request)
        case .response(let response): return incoming(response)
        }
    }

    /// Feeds a timer that fired; one that no longer applies is ignored.
    public mutating func timerFired(_ timer: CallTimer) -> [CallAction] {
        switch timer {
        case .transaction(let key, let timer):
            return feed(key) { $0.timerFired(timer) }
        case .ringTimeout:
            return cancel(.ringTimeout)
        case .cancelGuard:
            guard phase == .calling || phase == .early else { return [] }
            transactions[inviteKey] = nil
            return finish(
                CallEnding(outcome: cancelReason?.outcome ?? .cancelled, reason: "no final response after CANCEL"))
        }
    }

    /// Cancels an unanswered call (a hang-up once answered). Before any provisional the CANCEL waits for one
    /// (RFC 3261 §9.1), Timer B still guarding the INVITE.
    public mutating func cancel(_ reason: CancelReason) -> [CallAction] {
        switch phase {
        case .calling:
            if cancelReason == nil { cancelReason = reason }
            return [.cancelTimer(.ringTimeout)]
        case .early:
            guard cancelReason == nil else { return [] }
            cancelReason = reason
            return [.cancelTimer(.ringTimeout)] + sendCancel()
        case .established:
            return hangUp()
        case .idle, .terminating, .ended:
            return []
        }
    }

    /// Ends the call: BYE when answered, CANCEL (for the engine) before.
    public mutating func hangUp() -> [CallAction] {
        switch phase {
        case .calling, .early:
            return cancel(.engine)
        case .established:
            return bye(ending: CallEnding(outcome: .answered, statusCode: 200, reason: "we hung up", hungUpBy: .local))
        case .idle, .terminating, .ended:
            return []
        }
    }

    /// Feeds a transport error for this call's destination: every live transaction fails.
    public mutating func transportFailed() -> [CallAction] {
        var out: [CallAction] = []
        for key in transactions.keys.sorted(by: { ($0.cseq, $0.method.rawValue) < ($1.cseq, $1.method.rawValue) }) {
            out += feed(key) { $0.transportFailed() }
        }
        return out
    }

    mutating func finish(_ ending: CallEnding) -> [CallAction] {
        guard phase != .ended else { return [] }
        phase = .ended
        return [.cancelTimer(.ringTimeout), .cancelTimer(.cancelGuard), .event(.ended(ending))]
    }
}
