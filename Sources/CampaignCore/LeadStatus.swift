/// Where one contact stands inside one campaign.
public enum LeadStatus: String, Sendable, CaseIterable, Codable {
    /// Due: dialled as soon as its calling window is open and a slot is free.
    case pending
    /// Waiting for a retry delay or a callback time to pass; counted as pending in reports.
    case waiting
    /// An attempt is leased or live.
    case inProgress = "in_progress"
    /// Reached, or stopped by a final disposition; no more calls.
    case completed
    /// Attempts exhausted, no usable number, or never callable.
    case failed
    /// Taken out of the campaign by the operator.
    case excluded

    /// Whether the engine will never dial this lead again.
    public var isFinal: Bool { self == .completed || self == .failed || self == .excluded }
}

/// A lead's dialling state as the retry rules see it.
public struct LeadProgress: Sendable, Equatable {
    /// Dials made so far, including the one that just ended.
    public var attempts: Int
    /// Breadth-first pass of the call that just ended, from 1.
    public var pass: Int
    /// Index of the number the call that just ended dialled (0 = primary).
    public var numberIndex: Int
    /// How many numbers the contact has.
    public var numberCount: Int
    /// Numbers that must not be dialled again for this contact (wrong or invalid numbers, opt-outs).
    public var stoppedNumbers: Set<Int>
    /// Callbacks already scheduled for this lead.
    public var callbacks: Int

    /// Creates a progress record.
    public init(
        attempts: Int, pass: Int, numberIndex: Int, numberCount: Int, stoppedNumbers: Set<Int> = [],
        callbacks: Int = 0
    ) {
        self.attempts = attempts
        self.pass = pass
        self.numberIndex = numberIndex
        self.numberCount = numberCount
        self.stoppedNumbers = stoppedNumbers
        self.callbacks = callbacks
    }
}
