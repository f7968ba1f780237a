/// The non-INVITE client transaction over UDP (RFC 3261 §17.1.2) for BYE, CANCEL and other requests, as a state
/// machine that returns actions.
///
/// Trying retransmits on Timer E (T1, doubling up to T2) until Timer F (64·T1); a provisional moves to Proceeding,
/// where retransmission goes on every T2. A final is delivered once and absorbed in Completed until Timer K (T4).
public struct NonInviteClientTransaction: Sendable {
    /// The states of Figure 6.
    public enum State: Equatable, Sendable {
        /// Created, not started.
        case idle
        /// Request sent, no response yet.
        case trying
        /// A provisional arrived.
        case proceeding
        /// A final arrived.
        case completed
        /// Over.
        case terminated
    }

    /// The request this transaction sends.
    public let request: SIPRequest
    /// The current state.
    public private(set) var state: State = .idle
    private let timers: TimerTable
    private var intervalE: Duration

    /// A transaction for `request` (not INVITE, not ACK) with the timer values `timers`.
    public init(request: SIPRequest, timers: TimerTable) {
        self.request = request
        self.timers = timers
        self.intervalE = timers.timerE
    }

    /// Sends the request and starts Timers E and F.
    public mutating func start() -> [TransactionAction] {
        guard state == .idle else { return [] }
        state = .trying
        return [.send(request), .startTimer(.e, after: intervalE), .startTimer(.f, after: timers.timerF)]
    }

    /// Feeds a response whose branch and CSeq match this transaction.
    public mutating func receive(_ response: SIPResponse) -> [TransactionAction] {
        switch (state, response.isProvisional) {
        case (.trying, true):
            state = .proceeding
            return [.deliver(response)]
        case (.proceeding, true):
            return [.deliver(response)]
        case (.trying, false), (.proceeding, false):
            state = .completed
            return [
                .cancelTimer(.e), .cancelTimer(.f), .deliver(response), .startTimer(.k, after: timers.timerK),
            ]
        default:
            return []
        }
    }

    /// Feeds a timer that fired; one that no longer applies is ignored.
    public mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        switch (state, timer) {
        case (.trying, .e):
            intervalE = min(intervalE * 2, timers.t2)
            return [.send(request), .startTimer(.e, after: intervalE)]
        case (.proceeding, .e):
            intervalE = timers.t2
            return [.send(request), .startTimer(.e, after: intervalE)]
        case (.trying, .f), (.proceeding, .f):
            state = .terminated
            return [.cancelTimer(.e), .terminated(.timedOut)]
        case (.completed, .k):
            state = .terminated
            return [.terminated(.completed)]
        default:
            return []
        }
    }

    /// Feeds a transport error (the request could not be sent).
    public mutating func transportFailed() -> [TransactionAction] {
        switch state {
        case .trying, .proceeding:
            state = .terminated
            return [.cancelTimer(.e), .cancelTimer(.f), .terminated(.transportError)]
        default:
            return []
        }
    }
}
