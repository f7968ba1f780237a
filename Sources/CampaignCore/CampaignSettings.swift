import Foundation

/// The campaign settings document of SPEC §10, decoded, defaulted (SPEC §3) and validated.
public struct CampaignSettings: Sendable, Equatable {
    /// Campaign name (required).
    public var name: String
    /// Free text.
    public var description: String
    /// The voice agent that talks on answered calls.
    public var agent: AgentProfile
    /// Caller IDs to dial from, E.164, at least one.
    public var numberPool: [String]
    /// How attempt *k* picks its caller ID.
    public var callerIdStrategy: CallerIdStrategy
    /// One caller ID per attempt slot for the `custom` caller-ID strategy.
    public var callerIdSlots: [String]
    /// When dialling may happen.
    public var window: CallingWindow
    /// Single-day, multi-day or always-on.
    public var mode: CampaignMode
    /// Scheduled start; nil means manual start.
    public var startAt: Date?
    /// Calls live at once.
    public var concurrency: Int
    /// Slots kept free for inbound calls.
    public var inboundReserve: Int
    /// Cap on new dials per rolling hour; nil means none.
    public var callsPerHour: Int?
    /// Retry and redial rules.
    public var retry: RetryPolicy
    /// What to do when a machine answers.
    public var voicemailAction: VoicemailAction
    /// Whether callback requests are scheduled inside the campaign.
    public var callbackDetection: Bool
    /// Whether an excluded contact stays excluded when re-added.
    public var stickyExclusion: Bool
    /// The simulator provider's callee model.
    public var simulator: SimulatorSettings
    /// Disposition names this campaign adds to the standard ones (upper-case).
    public var customDispositions: [String]
    /// Dispositions that count as a conversion in the stats (upper-case; SPEC §11, default `INTERESTED`).
    public var successDispositions: [String]
    /// The zone of a contact whose zone neither a `timezone` column nor its number gives; nil = the window's
    /// named zone, if any.
    public var defaultTimezone: String?

    /// Concurrency left for outbound dials once the inbound reserve is set aside (at least 1).
    public var outboundSlots: Int { max(1, concurrency - inboundReserve) }

    /// Creates settings with SPEC §3 defaults for everything but the required fields.
    public init(name: String, agent: AgentProfile, numberPool: [String]) {
        self.name = name
        self.description = ""
        self.agent = agent
        self.numberPool = numberPool
        self.callerIdStrategy = .rotate
        self.callerIdSlots = []
        self.window = CallingWindow()
        self.mode = .multiDay
        self.startAt = nil
        self.concurrency = 50
        self.inboundReserve = 0
        self.callsPerHour = nil
        self.retry = RetryPolicy()
        self.voicemailAction = .hangup
        self.callbackDetection = false
        self.stickyExclusion = false
        self.simulator = SimulatorSettings()
        self.customDispositions = []
        self.successDispositions = [StandardDisposition.interested.rawValue]
        self.defaultTimezone = nil
    }
}

/// The agent as described inside a settings document.
public struct AgentProfile: Sendable, Equatable {
    /// Display name.
    public var name: String
    /// Opening line, may use `{{TOKENS}}`.
    public var greeting: String
    /// System prompt, may use `{{TOKENS}}`.
    public var prompt: String
    /// Message left on voicemail, may use `{{TOKENS}}`.
    public var voicemailMessage: String
    /// Whether the agent may schedule callbacks.
    public var callbacks: Bool

    /// Creates an agent profile.
    public init(
        name: String, greeting: String = "", prompt: String = "", voicemailMessage: String = "",
        callbacks: Bool = false
    ) {
        self.name = name
        self.greeting = greeting
        self.prompt = prompt
        self.voicemailMessage = voicemailMessage
        self.callbacks = callbacks
    }
}

/// Single-day, multi-day or always-on (SPEC §3).
public enum CampaignMode: String, Sendable, CaseIterable {
    case singleDay = "single-day"
    case multiDay = "multi-day"
    case alwaysOn = "always-on"
}

/// What happens when a machine answers.
public enum VoicemailAction: String, Sendable, CaseIterable {
    case hangup
    case leaveMessage = "leave-message"
}

/// The callee model of the built-in simulator provider.
public struct SimulatorSettings: Sendable, Equatable {
    /// Share of calls a human answers.
    public var answerRate: Double = 0.45
    /// Share of calls that are busy.
    public var busyRate: Double = 0.08
    /// Share of calls a machine answers.
    public var voicemailRate: Double = 0.2
    /// Share of calls that fail in the network.
    public var failRate: Double = 0.02
    /// Ring time range in seconds.
    public var ringSeconds: ClosedRange<Int> = 5...30
    /// Talk time range in seconds for answered calls.
    public var talkSeconds: ClosedRange<Int> = 20...240
    /// Disposition weights for calls a human answered, by name.
    /// Kept sorted by name, as a parsed document is, so a seed gives the same calls before and after storing.
    public var dispositions: [(name: String, weight: Double)] = [
        ("CALLBACK", 0.1), ("COMPLETED", 0.22), ("INTERESTED", 0.2), ("NOT_INTERESTED", 0.4), ("OPT_OUT", 0.05),
        ("WRONG_NUMBER", 0.03),
    ]

    /// Creates the default model.
    public init() {}

    public static func == (lhs: SimulatorSettings, rhs: SimulatorSettings) -> Bool {
        lhs.answerRate == rhs.answerRate && lhs.busyRate == rhs.busyRate && lhs.voicemailRate == rhs.voicemailRate
            && lhs.failRate == rhs.failRate && lhs.ringSeconds == rhs.ringSeconds
            && lhs.talkSeconds == rhs.talkSeconds
            && lhs.dispositions.sorted(by: { $0.name < $1.name }).map(\.name)
                == rhs.dispositions.sorted(by: { $0.name < $1.name }).map(\.name)
            && lhs.dispositions.sorted(by: { $0.name < $1.name }).map(\.weight)
                == rhs.dispositions.sorted(by: { $0.name < $1.name }).map(\.weight)
    }
}
