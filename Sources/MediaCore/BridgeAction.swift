/// What `MediaBridge` asks its owner to do.
public enum BridgeAction: Equatable, Sendable {
    /// Send this RTP datagram to the callee.
    case sendRTP([UInt8])
    /// Send this text frame on the agent's WebSocket.
    case sendText(String)
    /// A datagram or an agent message was refused; log it, nothing else changes.
    case refused(MediaError)
    /// Close the agent's WebSocket (if still open) and forget the bridge; the call ends for this reason.
    case close(BridgeEnding)
}
