import CampaignCore
import Foundation

/// The checker's own reading of SPEC §3's number strategies, written apart from the engine's: attempt 1 dials the
/// primary; `rolling` cycles through the alternates only, `clamp` takes them in order and keeps the last, `custom`
/// takes each once and falls back to the primary. A stopped number (wrong, invalid, opted out before the dial) gives
/// way to the strategy's choice for the following attempts, else to the last live number it chose before. A
/// scheduled callback dials the number that asked for it.
extension CallLogChecker {
    /// The table of SPEC §3 for a 1-based attempt and a contact with `count` numbers.
    static func tableIndex(_ strategy: NumberStrategy, attempt: Int, count: Int) -> Int {
        let alternates = count - 1
        guard attempt > 1, alternates > 0 else { return 0 }
        let step = attempt - 1
        switch strategy {
        case .rolling: return (step - 1) % alternates + 1
        case .clamp: return step < alternates ? step : alternates
        case .custom: return step <= alternates ? step : 0
        case .sweep: return step % count
        }
    }

    /// The number the strategy must dial on `attempt` when the numbers in `stopped` may not be dialled.
    static func expectedIndex(_ strategy: NumberStrategy, attempt: Int, count: Int, stopped: Set<Int>) -> Int? {
        let later = (attempt...(attempt + count)).map { tableIndex(strategy, attempt: $0, count: count) }
        if let live = later.first(where: { !stopped.contains($0) }) { return live }
        let earlier = (1..<max(1, attempt)).reversed().map { tableIndex(strategy, attempt: $0, count: count) }
        return earlier.first { !stopped.contains($0) }
    }

    /// Every non-sweep call dialled the number the table wants, given what was stopped before it was queued.
    func numberStrategyViolations(_ calls: [CallRecord]) -> [String] {
        guard settings.retry.numberStrategy != .sweep else { return [] }
        var optedOut = manualOptOuts
        for call in calls where call.result?.disposition == "OPT_OUT" {
            if let ended = call.result?.endedAt { optedOut[call.to] = min(optedOut[call.to] ?? ended, ended) }
        }
        var found: [String] = []
        for (lead, group) in Dictionary(grouping: calls, by: \.leadId) {
            guard let numbers = numbersByLead[lead] else { continue }
            let ordered = group.sorted { $0.attempt < $1.attempt }
            var wrong: Set<Int> = []
            var callbacks = 0
            var previous: CallRecord?
            for call in ordered {
                var callbackNumber: Int?
                if let previous, let result = previous.result, result.disposition == "CALLBACK",
                    result.callbackAt != nil, settings.callbackDetection, settings.agent.callbacks,
                    callbacks < RetryRules.maximumCallbacks
                {
                    callbacks += 1
                    callbackNumber = previous.numberIndex
                }
                // An opt-out at the very instant of the dial may or may not have been seen: accept either.
                let choices = [false, true].compactMap { inclusive -> Int? in
                    var stopped = wrong
                    for (index, number) in numbers.enumerated() {
                        guard let since = optedOut[number] else { continue }
                        if since < call.queuedAt || (inclusive && since == call.queuedAt) { stopped.insert(index) }
                    }
                    if let callbackNumber, !stopped.contains(callbackNumber) { return callbackNumber }
                    return Self.expectedIndex(
                        settings.retry.numberStrategy, attempt: call.attempt, count: numbers.count, stopped: stopped)
                }
                if !choices.contains(call.numberIndex) || call.to != numbers[call.numberIndex] {
                    found.append(
                        "lead \(lead): attempt \(call.attempt) dialled number \(call.numberIndex), wanted \(Set(choices).sorted())"
                    )
                }
                if call.result?.disposition == "WRONG_NUMBER" || call.result?.outcome == .invalidNumber {
                    wrong.insert(call.numberIndex)
                }
                previous = call
            }
        }
        return found
    }
}
