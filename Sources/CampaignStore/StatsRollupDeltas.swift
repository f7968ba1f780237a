import CampaignCore
import Foundation

/// What one recording transaction adds to the stats rollups, summed per row of each rollup table before it is
/// written (so a batch writes each rollup row once, whatever its size).
struct StatsRollupDeltas {
    struct RunKey: Hashable {
        let campaignId: Int64
        let generation: Int64
    }

    struct Totals {
        var calls: Int64 = 0
        var answered: Int64 = 0
        var humanAnswered: Int64 = 0
        var reached: Int64 = 0
        var humanConnectedSeconds: Int64 = 0
    }

    struct SlotKey: Hashable {
        let run: RunKey
        let slot: LocalSlot
    }

    struct DispositionKey: Hashable {
        let run: RunKey
        let disposition: String
    }

    struct DayKey: Hashable {
        let campaignId: Int64
        let day: Int64
    }

    struct DayCost {
        var billedSeconds: Int64 = 0
        var costMicros: Int64 = 0
        var pricedCalls: Int64 = 0
        var calls: Int64 = 0
    }

    var totals: [RunKey: Totals] = [:]
    var slots: [SlotKey: (calls: Int64, answered: Int64)] = [:]
    var dispositions: [DispositionKey: Int64] = [:]
    var days: [DayKey: DayCost] = [:]

    var isEmpty: Bool { totals.isEmpty && dispositions.isEmpty && days.isEmpty }

    /// Counts one ended call (in its run's counters and best times, and on the UTC day it ended).
    mutating func addCall(campaignId: Int64, generation: Int64, _ contribution: CallContribution) {
        let run = RunKey(campaignId: campaignId, generation: generation)
        var total = totals[run] ?? Totals()
        total.calls += 1
        total.answered += contribution.answered ? 1 : 0
        total.humanAnswered += contribution.humanAnswered ? 1 : 0
        total.reached += contribution.reached ? 1 : 0
        total.humanConnectedSeconds += contribution.humanAnswered ? Int64(contribution.connectedSeconds) : 0
        totals[run] = total
        let slotKey = SlotKey(run: run, slot: contribution.slot)
        let slot = slots[slotKey] ?? (0, 0)
        slots[slotKey] = (slot.calls + 1, slot.answered + (contribution.humanAnswered ? 1 : 0))
        days[DayKey(campaignId: campaignId, day: contribution.utcDay), default: DayCost()].calls += 1
    }

    /// Moves one lead from disposition `old` to `new` (nil: none).
    mutating func moveLead(campaignId: Int64, generation: Int64, from old: String?, to new: String?) {
        guard old != new else { return }
        let run = RunKey(campaignId: campaignId, generation: generation)
        if let old { dispositions[DispositionKey(run: run, disposition: old), default: 0] -= 1 }
        if let new { dispositions[DispositionKey(run: run, disposition: new), default: 0] += 1 }
    }

    /// Adds a priced call's billed time and cost to its day.
    mutating func addCost(campaignId: Int64, day: Int64, billedSeconds: Int, micros: Int64) {
        var cost = days[DayKey(campaignId: campaignId, day: day)] ?? DayCost()
        cost.billedSeconds += Int64(billedSeconds)
        cost.costMicros += micros
        cost.pricedCalls += 1
        days[DayKey(campaignId: campaignId, day: day)] = cost
    }
}
