import Foundation

/// The facts a lifecycle decision needs besides the current status.
public struct LifecycleContext: Sendable, Equatable {
    /// Scheduled start, if any.
    public var startAt: Date?
    /// The campaign's mode.
    public var mode: CampaignMode
    /// Whether the campaign has an agent.
    public var hasAgent: Bool
    /// Outbound-capable numbers in the pool.
    public var outboundNumbers: Int
    /// Contacts in the campaign.
    public var contacts: Int
    /// Pool numbers that cannot place calls (inbound-only or not registered), named when none is left.
    public var unusableNumbers: [String]

    /// Creates a context.
    public init(
        startAt: Date?, mode: CampaignMode, hasAgent: Bool, outboundNumbers: Int, contacts: Int,
        unusableNumbers: [String] = []
    ) {
        self.startAt = startAt
        self.mode = mode
        self.hasAgent = hasAgent
        self.outboundNumbers = outboundNumbers
        self.contacts = contacts
        self.unusableNumbers = unusableNumbers
    }
}

/// What a legal transition does, for the store to carry out in one transaction.
public struct LifecycleTransition: Sendable, Equatable {
    /// The new status.
    public var to: CampaignStatus
    /// Every lead goes back to pending and counters are zeroed (restart).
    public var resetsLeads: Bool
    /// The campaign now counts as having run: name, agent and contacts lock.
    public var marksFirstRun: Bool
}

/// Why a lifecycle request was refused.
public struct LifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status the campaign was in.
    public let from: CampaignStatus
    /// What was asked.
    public let action: LifecycleAction
    /// Why it cannot happen.
    public let reason: String

    /// `cannot start a running campaign: …`.
    public var description: String { "cannot \(action.rawValue) a \(from.rawValue) campaign: \(reason)" }
}

/// The lifecycle state machine of SPEC §4: `draft → scheduled → running ⇄ paused → completed`, `cancelled`
/// from any non-final state, restart from paused, completed or cancelled.
public enum Lifecycle {
    /// The transition `action` causes from `status` at `now`, or why it is illegal.
    public static func transition(
        from status: CampaignStatus, action: LifecycleAction, context: LifecycleContext,
        now: Date
    ) -> Result<LifecycleTransition, LifecycleError> {
        func refuse(_ reason: String) -> Result<LifecycleTransition, LifecycleError> {
            .failure(LifecycleError(from: status, action: action, reason: reason))
        }
        func move(
            _ to: CampaignStatus, resets: Bool = false, firstRun: Bool = false
        )
            -> Result<LifecycleTransition, LifecycleError>
        {
            .success(LifecycleTransition(to: to, resetsLeads: resets, marksFirstRun: firstRun))
        }
        switch (action, status) {
        case (.start, .draft):
            if let missing = missingForStart(context) { return refuse(missing) }
            if let startAt = context.startAt, startAt > now { return move(.scheduled) }
            return move(.running, firstRun: true)
        case (.start, _):
            return refuse(status == .paused ? "use resume" : "only a draft can be started")
        case (.scheduleReached, .scheduled):
            return move(.running, firstRun: true)
        case (.scheduleReached, _):
            return refuse("only a scheduled campaign waits for its start time")
        case (.pause, .running):
            return move(.paused)
        case (.pause, _):
            return refuse("only a running campaign can be paused")
        case (.resume, .paused):
            if let missing = missingForStart(context) { return refuse(missing) }
            return move(.running, firstRun: true)
        case (.resume, _):
            return refuse("only a paused campaign can be resumed")
        case (.cancel, _) where !status.isFinal:
            return move(.cancelled)
        case (.cancel, _):
            return refuse("it is already final")
        case (.restart, .paused), (.restart, .completed), (.restart, .cancelled):
            if let missing = missingForStart(context) { return refuse(missing) }
            return move(.running, resets: true, firstRun: true)
        case (.restart, _):
            return refuse("only a paused, completed or cancelled campaign can be restarted")
        case (.complete, .running):
            if context.mode == .alwaysOn { return refuse("an always-on campaign never completes by itself") }
            return move(.completed)
        case (.complete, _):
            return refuse("only a running campaign completes")
        }
    }

    /// Why a campaign could not dial (no agent, no outbound number, no contact unless always-on), or nil.
    public static func missingForStart(_ context: LifecycleContext) -> String? {
        if !context.hasAgent { return "it has no agent" }
        if context.outboundNumbers < 1 {
            guard !context.unusableNumbers.isEmpty else { return "it has no outbound-capable number" }
            let names = context.unusableNumbers.joined(separator: ", ")
            return "it has no outbound-capable number (\(names): inbound-only; mark one with 'org number --outbound')"
        }
        if context.contacts < 1 && context.mode != .alwaysOn { return "it has no contacts" }
        return nil
    }
}
