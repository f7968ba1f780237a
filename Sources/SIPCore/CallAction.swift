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
