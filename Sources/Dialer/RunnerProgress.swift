import CampaignCore
import CampaignStore
import Foundation

/// A snapshot of a running campaign for progress displays.
public struct RunnerProgress: Sendable {
    /// The engine's current time.
    public var now: Date
    /// Calls live now.
    public var live: Int
    /// Leads by status.
    public var counts: LeadCounts
    /// Calls placed by this runner so far.
    public var placed: Int
    /// Set when nothing is live and the runner sleeps until this instant (a closed window, a retry delay).
    public var waitingUntil: Date?
    /// Leads a compliance rule held back so far, by rule id: each lead a cap made wait, and the pending leads of a
    /// key each time a rule's hours closed on it while the campaign window was open.
    public var ruleWaits: [String: Int] = [:]
}

/// Why a runner stopped.
public enum RunnerStop: String, Sendable, Equatable {
    /// The campaign completed.
    case completed
    /// The campaign was cancelled and its live calls ended.
    case cancelled
    /// The campaign is paused (or a draft) and no call is live.
    case paused
    /// The deadline came.
    case deadline
    /// Nothing can ever happen again without outside input (an always-on campaign with nothing to dial).
    case idle
}
