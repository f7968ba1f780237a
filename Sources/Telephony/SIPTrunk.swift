import Foundation
import SIPCore

/// A carrier of kind `sip` as the provider dials through it (SPEC §12): where the trunk is, how we authenticate,
/// and the limits of its calls.
public struct SIPTrunk: Sendable, Equatable {
    /// The trunk's host name or address.
    public var host: String
    /// The trunk's port (5060 when nil).
    public var port: Int?
    /// Digest credentials, when the trunk challenges.
    public var credentials: DigestCredentials?
    /// Whether the caller ID also goes in P-Asserted-Identity.
    public var assertsIdentity: Bool
    /// The most new calls a second the carrier takes (nil: no limit).
    public var callsPerSecond: Int?
    /// Longest a call rings before we CANCEL it.
    public var ringTimeout: TimeInterval
    /// Longest a call lasts from its INVITE before we end it.
    public var maximumDuration: TimeInterval
    /// Transaction timers (RFC 3261's unless a test shortens them).
    public var timers: TimerTable

    /// A trunk.
    public init(
        host: String, port: Int? = nil, credentials: DigestCredentials? = nil, assertsIdentity: Bool = false,
        callsPerSecond: Int? = nil, ringTimeout: TimeInterval = 30, maximumDuration: TimeInterval = 3_600,
        timers: TimerTable = .rfc3261
    ) {
        self.host = host
        self.port = port
        self.credentials = credentials
        self.assertsIdentity = assertsIdentity
        self.callsPerSecond = callsPerSecond
        self.ringTimeout = ringTimeout
        self.maximumDuration = maximumDuration
        self.timers = timers
    }
}

/// Where this process speaks SIP and RTP: the addresses it binds and announces, and the ceilings every trunk's calls
/// stay under.
public struct SIPEndpoint: Sendable, Equatable {
    /// The local address to bind (`--sip-bind`); RTP sockets bind it too.
    public var bindHost: String
    /// The local port (0: any free one).
    public var bindPort: Int
    /// The address peers reach us at (`--sip-public-address`); the bound one when nil.
    public var publicAddress: String?
    /// The RTP ports (`--rtp-ports`): each call takes an even one for its socket, released when the call ends.
    public var rtpPorts: ClosedRange<Int>
    /// The longest ring timeout of any trunk: the engine's own ring timeout is a little longer, as a backstop.
    public var maximumRingTimeout: TimeInterval
    /// The longest call of any trunk (a trunk's `maximumDuration` above it is cut to it).
    public var maximumCallDuration: TimeInterval
    /// The longest wait for an agent's result after a call ends (a plan's `resultGrace` above it is cut to it).
    public var maximumResultGrace: TimeInterval

    /// An endpoint.
    public init(
        bindHost: String, bindPort: Int, publicAddress: String? = nil, rtpPorts: ClosedRange<Int> = 16_000...16_999,
        maximumRingTimeout: TimeInterval = 120, maximumCallDuration: TimeInterval = 3_600,
        maximumResultGrace: TimeInterval = 120
    ) {
        self.bindHost = bindHost
        self.bindPort = bindPort
        self.publicAddress = publicAddress
        self.rtpPorts = rtpPorts
        self.maximumRingTimeout = maximumRingTimeout
        self.maximumCallDuration = maximumCallDuration
        self.maximumResultGrace = maximumResultGrace
    }
}
