import CampaignCore
import CampaignStore
import Foundation

/// What the dialler state machine asks its shell to do.
public enum DiallerAction: Sendable, Equatable {
    /// Start this leased call with the provider.
    case place(LeasedAttempt)
    /// Record the call's end and its lead's next step (fenced by call id and state in the store).
    case record(EndedCall)
    /// Record a live call's progress (a provider that reports it as it happens).
    case recordProgress(CallProgress)
    /// Ask the provider to end the call.
    case hangUp(LeasedAttempt, reason: HangUpReason)
    /// Extend the leases of these live calls until `until`.
    case renew(callIds: [Int64], until: Date)
}

/// Why the engine hangs up a call.
public enum HangUpReason: String, Sendable, Equatable {
    /// It rang longer than the ring timeout.
    case ringTimeout = "ring_timeout"
    /// It lasted longer than the maximum call duration.
    case maximumDuration = "maximum_duration"
    /// Its campaign stopped dialling (paused or cancelled) while it rang: a carrier cancels it (`cancelled`); a
    /// provider that cannot lets it run its course.
    case campaignStopped = "campaign_stopped"
}

/// The machine's settings: the provider's limits and the lease rhythm.
public struct DiallerConfiguration: Sendable, Equatable {
    /// Ring timeout and maximum duration, enforced by the engine.
    public var limits: CallLimits
    /// How long a lease (and each renewal) lasts.
    public var leaseDuration: TimeInterval
    /// How long a hung-up call may take to report its end before the engine records it ended itself.
    public var hangUpGrace: TimeInterval
    /// How long a call the provider cannot account for stays live before it is recorded `interrupted`.
    public var unknownGrace: TimeInterval

    /// Creates a configuration; the lease lasts the longest call plus two minutes unless told otherwise.
    public init(
        limits: CallLimits, leaseDuration: TimeInterval? = nil, hangUpGrace: TimeInterval = 30,
        unknownGrace: TimeInterval = 30
    ) {
        self.limits = limits
        self.leaseDuration = leaseDuration ?? limits.maximumDuration + 120
        self.hangUpGrace = hangUpGrace
        self.unknownGrace = unknownGrace
    }

    /// A lease is renewed this long before it lapses: a third of its length, at most a minute.
    public var renewBefore: TimeInterval { min(60, leaseDuration / 3) }
}
