import Foundation

/// What happens to a lead after one of its calls ended: the next attempt, or a final status.
public struct LeadDecision: Sendable, Equatable {
    /// `pending` when another attempt follows, otherwise a final status.
    public var status: LeadStatus
    /// Earliest time of the next attempt (the engine still waits for the calling window).
    public var nextAt: Date?
    /// Number index the next attempt dials.
    public var numberIndex: Int
    /// Pass of the next attempt.
    public var pass: Int
    /// 1 for a scheduled callback (dialled before anything else), else 0.
    public var priority: Int
    /// Numbers that must not be dialled again for this contact, after this call.
    public var stoppedNumbers: Set<Int>
    /// The dialled number goes on the organisation's opt-out list.
    public var optOutNumber: Bool
    /// Whether the call counts as reaching the person.
    public var reached: Bool
    /// The outcome key the retry rules matched (`no_answer`, `voicemail`, `not_interested`, …).
    public var retryKey: String
    /// Callbacks scheduled for this lead, after this call.
    public var callbacks: Int
}

/// The retry and redial rules of SPEC §3 and §5 as one pure function.
public enum RetryRules {
    /// Callbacks one lead may schedule, so that an agent cannot loop a contact forever.
    public static let maximumCallbacks = 3

    /// The key `retry.on` is matched against for a call.
    public static func retryKey(for result: CallResult, policy: RetryPolicy) -> String {
        switch result.outcome {
        case .answered where result.answeredBy == .machine:
            return "voicemail"
        case .answered:
            if policy.shortCallRule && result.turns <= 1 { return "no_answer" }
            if let short = policy.redialShortConnectSeconds, result.connectedSeconds < short { return "no_answer" }
            guard let disposition = result.disposition, !disposition.isEmpty else { return "completed" }
            let key = disposition.lowercased()
            return key == "callback" ? "callback_requested" : key
        case .interrupted:
            return "failed"
        default:
            return result.outcome.rawValue
        }
    }

    /// Whether a call reached the person (SPEC §11): answered by a human (or an unknown answerer), not a short
    /// call (by `shortCallRule` or `redialShortConnectSeconds`), and not a wrong number.
    public static func isReached(_ result: CallResult, policy: RetryPolicy) -> Bool {
        let humanConnected = result.outcome == .answered && result.answeredBy != .machine
        return humanConnected && retryKey(for: result, policy: policy) != "no_answer"
            && result.disposition?.uppercased() != StandardDisposition.wrongNumber.rawValue
    }

    /// Decides the lead's next step after a call ended at `result.endedAt`.
    public static func decide(
        lead: LeadProgress, result: CallResult, settings: CampaignSettings,
        agentAllowsCallbacks: Bool
    ) -> LeadDecision {
        let policy = settings.retry
        let now = result.endedAt
        let key = retryKey(for: result, policy: policy)
        let humanConnected = result.outcome == .answered && result.answeredBy != .machine
        let disposition = result.disposition?.uppercased()
        let reached = isReached(result, policy: policy)
        var stopped = lead.stoppedNumbers
        var decision = LeadDecision(
            status: reached ? .completed : .failed, nextAt: nil, numberIndex: lead.numberIndex, pass: lead.pass,
            priority: 0, stoppedNumbers: stopped, optOutNumber: false, reached: reached, retryKey: key,
            callbacks: lead.callbacks)

        if disposition == StandardDisposition.optOut.rawValue {
            stopped.insert(lead.numberIndex)
            decision.stoppedNumbers = stopped
            decision.optOutNumber = true
            decision.status = .completed
            return decision
        }
        if disposition == StandardDisposition.wrongNumber.rawValue || result.outcome == .invalidNumber {
            stopped.insert(lead.numberIndex)
            decision.stoppedNumbers = stopped
        }
        if disposition == StandardDisposition.callback.rawValue, let callbackAt = result.callbackAt,
            settings.callbackDetection, agentAllowsCallbacks, lead.callbacks < maximumCallbacks,
            !stopped.contains(lead.numberIndex)
        {
            decision.status = .pending
            decision.nextAt = max(callbackAt, now)
            decision.priority = 1
            decision.callbacks = lead.callbacks + 1
            return decision
        }
        if let stop = policy.stopAfterConnectSeconds, humanConnected, result.connectedSeconds > stop {
            decision.status = .completed
            return decision
        }
        let wrongNumberRedial = disposition == StandardDisposition.wrongNumber.rawValue
        // A call the engine cancelled (its campaign paused or stopped while it rang) is the engine's doing, not the
        // contact's: it is retried whatever `retry.on` says, after the delay, while attempts remain.
        let engineCancelled = result.outcome == .cancelled
        guard policy.on.contains(key) || wrongNumberRedial || result.outcome == .invalidNumber || engineCancelled
        else { return decision }
        guard let next = nextNumber(lead: lead, stopped: stopped, policy: policy) else { return decision }
        decision.status = .pending
        decision.numberIndex = next.index
        decision.pass = next.pass
        let delay = next.atOnce ? 0 : Double(policy.delayMinutes) * 60
        decision.nextAt = now.addingTimeInterval(delay)
        return decision
    }

    /// The number and pass of the next attempt, or nil when attempts (or passes) are used up or no number is left.
    static func nextNumber(
        lead: LeadProgress, stopped: Set<Int>, policy: RetryPolicy
    )
        -> (index: Int, pass: Int, atOnce: Bool)?
    {
        let live = (0..<max(1, lead.numberCount)).filter { !stopped.contains($0) }
        guard !live.isEmpty else { return nil }
        if policy.numberStrategy == .sweep {
            if let later = live.first(where: { $0 > lead.numberIndex }) { return (later, lead.pass, true) }
            guard lead.pass < policy.maxAttempts else { return nil }
            return (live[0], lead.pass + 1, false)
        }
        guard lead.attempts < policy.maxAttempts,
            let index = policy.numberStrategy.liveNumberIndex(
                attemptIndex: lead.attempts, numberCount: lead.numberCount, stopped: stopped)
        else { return nil }
        return (index, lead.pass, false)
    }
}

extension RetryRules {
    /// The number a lead dials instead when the one it was about to dial is stopped (opted out, wrong), and in which
    /// pass: for `sweep` the first live number after it in this pass, else the first live number in the next pass
    /// (which waits for that pass and the retry delay, as after a call), nil when the passes are used up; for the
    /// other strategies the strategy's next choice among the live numbers
    /// (``NumberStrategy/liveNumberIndex(attemptIndex:numberCount:stopped:)``), in the same pass. Nil when none is
    /// left.
    public static func replacementNumber(
        lead: LeadProgress, stopped: Set<Int>, policy: RetryPolicy
    ) -> (index: Int, pass: Int)? {
        guard policy.numberStrategy == .sweep else {
            return policy.numberStrategy.liveNumberIndex(
                attemptIndex: lead.attempts, numberCount: lead.numberCount, stopped: stopped
            ).map { ($0, lead.pass) }
        }
        let live = (0..<max(1, lead.numberCount)).filter { !stopped.contains($0) }
        if let later = live.first(where: { $0 >= lead.numberIndex }) { return (later, lead.pass) }
        // Going back to the first number within the pass would dial it twice in one pass, without the delay.
        guard let first = live.first, lead.pass < policy.maxAttempts else { return nil }
        return (first, lead.pass + 1)
    }
}
