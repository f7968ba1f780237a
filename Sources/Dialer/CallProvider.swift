import CampaignCore
import Foundation

/// One call to place, fully resolved when it was queued.
public struct DialRequest: Sendable, Equatable {
    /// The call row's id (also the provider's idempotency key).
    public var callId: Int64
    /// Campaign.
    public var campaignId: Int64
    /// Destination, E.164.
    public var to: String
    /// Caller ID, E.164.
    public var from: String
    /// When the attempt was queued.
    public var queuedAt: Date

    /// Creates a request.
    public init(callId: Int64, campaignId: Int64, to: String, from: String, queuedAt: Date) {
        self.callId = callId
        self.campaignId = campaignId
        self.to = to
        self.from = from
        self.queuedAt = queuedAt
    }
}

/// The engine's limits on one call: it hangs up a call that rings longer than `ringTimeout` or lasts longer than
/// `maximumDuration` from its dial, whatever the provider does, so a stuck call always ends.
public struct CallLimits: Sendable, Equatable {
    /// Longest a call may ring unanswered.
    public var ringTimeout: TimeInterval
    /// Longest a call may last from its dial to its end.
    public var maximumDuration: TimeInterval

    /// Creates limits.
    public init(ringTimeout: TimeInterval, maximumDuration: TimeInterval) {
        self.ringTimeout = ringTimeout
        self.maximumDuration = maximumDuration
    }
}

/// The seam to telephony, as an event source (SPEC §12): a provider starts a call and returns its reference; the
/// call's progress arrives later as ``CallEvent``s keyed by call id; the engine may ask it to hang up.
public protocol CallProvider: Sendable {
    /// Starts the call (the call row already exists, leased to the caller).
    func start(_ request: DialRequest) async throws -> StartedCall
    /// Asks the provider to end a live call at `at` (ring timeout, maximum duration, or the engine giving up); the
    /// provider reports the end as an event.
    func hangUp(_ request: DialRequest, at: Date) async
    /// The events of the campaign's calls that happened up to `now`, each handed out once (duplicates are the
    /// provider's right, and harmless).
    func events(campaignId: Int64, upTo now: Date) async -> [CallEvent]
    /// When the next event of the campaign's calls is due, when the provider knows (a simulator on a virtual clock);
    /// nil when it cannot tell (a carrier: its events arrive whenever they arrive).
    func nextEventTime(campaignId: Int64) async -> Date?
    /// What the provider knows about a call the engine did not see end.
    func reconcile(_ request: DialRequest, now: Date) async -> CallStatus
    /// The engine's limits on this provider's calls; leases last `maximumDuration` plus a margin.
    var limits: CallLimits { get }
    /// Asks the provider to cancel a call that has not been answered, because its campaign stopped dialling (paused
    /// or cancelled): a carrier sends CANCEL and reports the end as `cancelled`. The call is never forced to end
    /// on the engine's side: without an end it keeps its ring timeout.
    func cancelUnanswered(_ request: DialRequest, at: Date) async
}

extension CallProvider {
    /// A provider that cannot cancel (the simulator's scripted calls) lets the call run its course.
    public func cancelUnanswered(_ request: DialRequest, at: Date) async {}
}
