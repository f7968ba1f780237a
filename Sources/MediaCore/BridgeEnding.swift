/// Why a bridge closed.
public enum BridgeEnding: Equatable, Sendable {
    /// The callee hung up (BYE); the agent was sent `stop`.
    case calleeHungUp
    /// The engine ended the call (maximum duration, shutdown); the agent was sent `stop`.
    case ended
    /// The agent closed its socket; the owner hangs up the call.
    case agentClosed
}
