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

    /// Statistics for a call on `localPort`.
    public init(localPort: Int) { self.localPort = localPort }
}
