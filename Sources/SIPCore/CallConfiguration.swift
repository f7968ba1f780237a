/// What one outbound call needs to know: who, through which trunk, from which public address.
public struct CallConfiguration: Equatable, Sendable {
    /// The number dialled (user part of the Request-URI and To), e.g. `+15551230000`.
    public var destination: String
    /// The trunk's host (Request-URI, To).
    public var trunkHost: String
    /// The trunk's port, when not 5060.
    public var trunkPort: Int?
    /// The caller ID put in From.
    public var callerID: String
    /// A display name for From, when wanted.
    public var callerName: String?
    /// The host part of From; the public address when nil.
    public var fromDomain: String?
    /// When set, a P-Asserted-Identity with this number (RFC 3325) for carriers that want it.
    public var assertedIdentity: String?
    /// Our public address (Contact, Via, SDP).
    public var publicAddress: String
    /// Our SIP port.
    public var sipPort: Int
    /// Our RTP port.
    public var rtpPort: Int
    /// Digest credentials, used once per challenge.
    public var credentials: DigestCredentials?
    /// How long the call may ring before we CANCEL it (counted from the INVITE); nil for no limit.
    public var ringTimeout: Duration?
    /// Transaction timer values.
    public var timers: TimerTable
    /// The User-Agent header.
    public var userAgent: String

    /// A configuration.
    public init(
        destination: String, trunkHost: String, trunkPort: Int? = nil, callerID: String, callerName: String? = nil,
        fromDomain: String? = nil, assertedIdentity: String? = nil, publicAddress: String, sipPort: Int = 5060,
        rtpPort: Int, credentials: DigestCredentials? = nil, ringTimeout: Duration? = nil,
        timers: TimerTable = .rfc3261, userAgent: String = "Outbound"
    ) {
        self.destination = destination
        self.trunkHost = trunkHost
        self.trunkPort = trunkPort
        self.callerID = callerID
        self.callerName = callerName
        self.fromDomain = fromDomain
        self.assertedIdentity = assertedIdentity
        self.publicAddress = publicAddress
        self.sipPort = sipPort
        self.rtpPort = rtpPort
        self.credentials = credentials
        self.ringTimeout = ringTimeout
        self.timers = timers
        self.userAgent = userAgent
    }
}

/// The random identifiers of one call, drawn by the caller so the state machine stays deterministic.
public struct CallIdentity: Equatable, Hashable, Sendable {
    /// The Call-ID.
    public var callID: String
    /// Our From tag.
    public var localTag: String
    /// A random token that makes every branch (and cnonce) of this call unique.
    public var token: String
    /// The SDP session id.
    public var sessionID: UInt64

    /// Identifiers.
    public init(callID: String, localTag: String, token: String, sessionID: UInt64) {
        self.callID = callID
        self.localTag = localTag
        self.token = token
        self.sessionID = sessionID
    }

    /// Fresh identifiers from `generator` (the system generator in production, a seeded one in tests).
    public static func random(using generator: inout some RandomNumberGenerator, host: String) -> CallIdentity {
        func word(_ length: Int) -> String {
            let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
            var out: [UInt8] = []
            for _ in 0..<length { out.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            return String(decoding: out, as: UTF8.self)
        }
        return CallIdentity(
            callID: word(20) + "@" + host, localTag: word(10), token: word(12),
            sessionID: generator.next() % 1_000_000_000)
    }
}
