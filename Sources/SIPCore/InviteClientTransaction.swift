/// The INVITE client transaction over UDP (RFC 3261 §17.1.1) as a state machine that returns actions.
///
/// Calling retransmits on Timer A (T1, doubling without cap) until a response or Timer B (64·T1). A provisional
/// moves to Proceeding and stops retransmission. A 2xx is delivered and ends the transaction (the UAC core ACKs
/// it). A 300–699 is ACKed here, delivered once, and absorbed (re-ACKed) in Completed until Timer D.
public struct InviteClientTransaction: Sendable {
    /// The states of Figure 5.
    public enum State: Equatable, Sendable {
        /// Created, not started.
        case idle
        /// INVITE sent, no response yet.
        case calling
        /// A provisional response arrived.
        case proceeding
        /// A 300–699 final arrived and was ACKed.
        case completed
        /// Over.
        case terminated
    }

    /// The INVITE this transaction sends.
    public let request: SIPRequest
    /// The current state.
    public private(set) var state: State = .idle
    private let timers: TimerTable
    private var intervalA: Duration
    private var ack: SIPRequest?

    /// A transaction for `invite` with the timer values `timers`.
    public init(invite: SIPRequest, timers: TimerTable) {
        self.request = invite
        self.timers = timers
        self.intervalA = timers.timerA
    }

    /// Sends the INVITE and starts Timers A and B.
    public mutating func start() -> [TransactionAction] {
        guard state == .idle else { return [] }
        state = .calling
        return [.send(request), .startTimer(.a, after: intervalA), .startTimer(.b, after: timers.timerB)]
    }

    /// Feeds a response whose branch and CSeq match this transaction.
    public mutating func receive(_ response: SIPResponse) -> [TransactionAction] {
        switch (state, response.statusCode) {
        case (.calling, 100..<200):
            state = .proceeding
            return [.cancelTimer(.a), .cancelTimer(.b), .deliver(response)]
        case (.proceeding, 100..<200):
            return [.deliver(response)]
        case (.calling, 200..<300), (.proceeding, 200..<300):
            state = .terminated
            return [.cancelTimer(.a), .cancelTimer(.b), .deliver(response), .terminated(.accepted)]
        case (.calling, 300...), (.proceeding, 300...):
            state = .completed
            let ack = Self.ack(for: request, response: response)
            self.ack = ack
            return [
                .cancelTimer(.a), .cancelTimer(.b), .send(ack), .deliver(response),
                .startTimer(.d, after: timers.timerD),
            ]
        case (.completed, 300...):
            return ack.map { [.send($0)] } ?? []
        default:
            return []
        }
    }

    /// Feeds a timer that fired; one that no longer applies is ignored.
    public mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        switch (state, timer) {
        case (.calling, .a):
            intervalA = intervalA * 2
            return [.send(request), .startTimer(.a, after: intervalA)]
        case (.calling, .b):
            state = .terminated
            return [.cancelTimer(.a), .terminated(.timedOut)]
        case (.completed, .d):
            state = .terminated
            return [.terminated(.completed)]
        default:
            return []
        }
    }

    /// Feeds a transport error (the request could not be sent).
    public mutating func transportFailed() -> [TransactionAction] {
        switch state {
        case .calling, .proceeding:
            state = .terminated
            return [.cancelTimer(.a), .cancelTimer(.b), .terminated(.transportError)]
        default:
            return []
        }
    }

    /// The ACK for a non-2xx final (§17.1.1.3): the INVITE's Request-URI, Call-ID, From, top Via and Route, the
    /// response's To (with its tag), `CSeq: n ACK`, no body.
    public static func ack(for invite: SIPRequest, response: SIPResponse) -> SIPRequest {
        var headers = SIPHeaders()
        if let via = try? invite.headers.topVia() { headers.add("Via", via.description) }
        headers.add("Max-Forwards", "70")
        for route in invite.headers.values("route") { headers.add("Route", route) }
        for name in ["From", "Call-ID"] { if let value = invite.headers[name] { headers.add(name, value) } }
        if let to = response.headers["to"] ?? invite.headers["to"] { headers.add("To", to) }
        let number = (try? invite.headers.cseq().number) ?? 1
        headers.add("CSeq", CSeq(number, .ack).description)
        for name in ["Authorization", "Proxy-Authorization"] {
            if let value = invite.headers[name] { headers.add(name, value) }
        }
        return SIPRequest(method: .ack, uri: invite.uri, headers: headers)
    }
}
