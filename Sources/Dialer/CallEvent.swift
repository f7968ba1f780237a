import CampaignCore
import Foundation

/// One piece of a call's progress reported by a provider, keyed by the engine's call id. Events may come late,
/// twice or out of order: the dialler and the store's fence (call id and state) make each call end exactly once.
public struct CallEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: Sendable, Equatable {
        /// The callee's phone rings.
        case ringing
        /// The callee picked up; who, when detection could tell.
        case answered(by: AnsweredBy?)
        /// The call is over, with its full report (the agent's result included when the provider has it).
        case ended(CallResult)
    }

    /// The engine's call id (the call row, also the provider's idempotency key).
    public var callId: Int64
    /// The campaign the call belongs to.
    public var campaignId: Int64
    /// The provider's own reference for the call, when it has one.
    public var providerCallId: String?
    /// When it happened (on the provider's clock).
    public var at: Date
    /// What happened.
    public var kind: Kind

    /// Creates an event.
    public init(callId: Int64, campaignId: Int64, providerCallId: String? = nil, at: Date, kind: Kind) {
        self.callId = callId
        self.campaignId = campaignId
        self.providerCallId = providerCallId
        self.at = at
        self.kind = kind
    }

    /// The state the event moves its call to.
    public var state: CallState {
        switch kind {
        case .ringing: .ringing
        case .answered: .answered
        case .ended: .ended
        }
    }
}

/// What a provider knows of a call the engine did not see end (after a restart or a takeover).
public enum CallStatus: Sendable, Equatable {
    /// The call is over, with this report.
    case ended(CallResult)
    /// The call is still going, in this state; `course` is its whole report when the provider already knows it (a
    /// simulator), else nil.
    case live(CallState, course: CallResult?)
    /// The provider cannot tell (a carrier that forgot the call): the engine marks it `interrupted` after a grace.
    case unknown
}

/// What a provider answers when it starts a call.
public struct StartedCall: Sendable, Equatable {
    /// The provider's reference for the call.
    public var providerCallId: String
    /// The call's whole report when the provider knows it at once (a simulator): the engine then checks it against
    /// its ring timeout and maximum duration and sets no timer the course already satisfies.
    public var course: CallResult?

    /// Creates the answer.
    public init(providerCallId: String, course: CallResult? = nil) {
        self.providerCallId = providerCallId
        self.course = course
    }
}
