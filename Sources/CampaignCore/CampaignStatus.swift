/// Where a campaign is in its lifecycle (SPEC §4).
public enum CampaignStatus: String, Sendable, CaseIterable, Codable {
    case draft
    case scheduled
    case running
    case paused
    case completed
    case cancelled

    /// Whether no transition but restart leaves this state.
    public var isFinal: Bool { self == .completed || self == .cancelled }

    /// Whether settings may be edited in this state (SPEC §4: draft and paused only).
    public var allowsEditing: Bool { self == .draft || self == .paused }
}

/// An operator's or the engine's request to move a campaign.
public enum LifecycleAction: String, Sendable, CaseIterable {
    /// Operator: run now, or at `startAt` when it lies ahead.
    case start
    /// Operator: live calls finish, nothing new is dialled.
    case pause
    /// Operator: continue where it stopped.
    case resume
    /// Operator: final stop.
    case cancel
    /// Operator: every lead back to pending, counters zeroed, old calls kept.
    case restart
    /// Engine: the scheduled start time came.
    case scheduleReached = "schedule-reached"
    /// Engine: nothing can be dialled again (or a single-day window closed).
    case complete
}
