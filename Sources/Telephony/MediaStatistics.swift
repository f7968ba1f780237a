import MediaCore

/// What one call's media did, counted inside the provider (for tests, logs and the benchmark).
public struct MediaStatistics: Sendable, Equatable {
    /// The local RTP port the call used.
    public var localPort: Int
    /// RTP datagrams that arrived from the callee.
    public var datagramsReceived = 0
    /// RTP datagrams sent to the callee (agent audio and silence fill).
    public var datagramsSent = 0
    /// Bytes of the agent's audio sent to the callee.
    public var agentAudioBytesSent = 0
    /// Text frames sent to the agent.
    public var textsToAgent = 0
    /// Text frames from the agent.
    public var textsFromAgent = 0
    /// Agent messages or datagrams the bridge refused.
    public var refused = 0
    /// The address the callee's RTP came from, once latched ("host:port").
    public var latchedSource: String?
    /// Who answered, once detection decided.
    public var answeredBy: String?
    /// Whether the agent's stream opened.
    public var agentConnected = false
    /// Callee RTP packets from their arrival on the RTP socket to their `media` frame's write to the agent's socket.
    public var calleeToAgent = PacketDelayTally()
    /// The agent's `media` frames from when they could go (arrived, and the agent's audio before them played) to the
    /// tick that sent their last byte as RTP: the delay the bridge adds to the agent's audio.
    public var agentToCallee = PacketDelayTally()
    /// The agent's `media` frames from their arrival to the tick that sent their last byte, waiting behind the
    /// agent's earlier audio included (audio sent ahead of real time waits its turn at 20 ms a frame).
    public var agentToCalleeQueued = PacketDelayTally()
    /// Callee RTP packets never bridged: sequence numbers skipped (wrap-around followed), packets too late for the
    /// reorder window, and jumps, as the bridge's ``MediaCore/RTPReceiver`` counted them.
    public var calleePacketsLost = 0
    /// The agent's `media` frames dropped before they were played: refused (queue full) or cleared (barge-in).
    public var agentFramesDropped = 0

    /// Takes the callee side's loss from the bridge's receiver counters: sequence gaps, plus packets that came too
    /// late for the reorder window or jumped (a reordered packet within the window is not lost; duplicates are not
    /// packets of the stream).
    public mutating func countCalleeLoss(_ receive: RTPReceiveStatistics) {
        calleePacketsLost = receive.lost + receive.jumps
    }

    /// Statistics for a call on `localPort`.
    public init(localPort: Int) { self.localPort = localPort }
}
