/// The telephony outcome of an outbound call (SPEC §6), with the names the engine records.
public enum SIPCallOutcome: String, Equatable, Hashable, Sendable {
    /// A 2xx answered the INVITE.
    case answered
    /// 486 Busy Here, 600 Busy Everywhere.
    case busy
    /// 603 Decline.
    case rejected
    /// 404, 484, 604.
    case invalidNumber = "invalid_number"
    /// 480, 408, or 487 after our CANCEL on the ring timeout.
    case noAnswer = "no_answer"
    /// Any other final, a transport error, or Timer B.
    case failed
    /// Our own CANCEL for pause or shutdown.
    case cancelled

    /// Maps a final response (SPEC §12). `cancelledFor` is why we sent CANCEL, if we did: a 487 then means the
    /// CANCEL took effect.
    public static func forFinal(_ statusCode: Int, cancelledFor reason: CancelReason? = nil) -> SIPCallOutcome {
        switch statusCode {
        case 200..<300: return .answered
        case 486, 600: return .busy
        case 603: return .rejected
        case 404, 484, 604: return .invalidNumber
        case 480, 408: return .noAnswer
        case 487: return reason?.outcome ?? .failed
        default: return .failed
        }
    }
}
