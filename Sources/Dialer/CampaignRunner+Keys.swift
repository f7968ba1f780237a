import CampaignCore
import CampaignStore
import Foundation

/// What the runner does with a campaign's dial keys besides leasing: retiring the ones that can never be dialled,
/// counting the leads compliance rules hold back, and the single-day cutoff.
extension CampaignRunner {
    /// Fails the leads of dial keys that can never be dialled (unknown zone, windows that never overlap, a rule
    /// whose hours never meet the window), naming the rule when one is the reason.
    func retireUncallableKeys(_ keys: [String], now: Date, state: inout RunnerState) async throws {
        for key in keys where !state.checkedKeys.contains(key) {
            state.checkedKeys.insert(key)
            guard let reason = state.schedule?.rules(for: key).uncallable(from: now) else { continue }
            let count = try await store.failLeads(
                campaignId: campaignId, zoneKey: key, reason: reason.outcome, blockedBy: reason.ruleId, now: now)
            logger.warning(
                "never callable", metadata: ["key": "\(key)", "reason": "\(reason.outcome)", "leads": "\(count)"])
        }
    }

    /// Counts, per rule, the pending leads a rule's hours hold back while the window is open, once each time the
    /// rule closes on a key (only when progress is reported: it costs a count over the key's pending leads).
    func countRuleHolds(keys: [String], open: [String], now: Date, state: inout RunnerState) async throws {
        guard onProgress != nil, var schedule = state.schedule else { return }
        let openKeys = Set(open)
        for key in keys {
            let held = openKeys.contains(key) ? nil : schedule.rules(for: key).heldBy(at: now)
            guard let held else {
                state.heldKeys.remove(key)
                continue
            }
            guard state.heldKeys.insert(key).inserted else { continue }
            let pending = try await store.pendingLeadCount(campaignId: campaignId, zoneKey: key)
            if pending > 0 { state.ruleWaits[held.ruleId, default: 0] += pending }
        }
        state.schedule = schedule
    }

    /// A single-day campaign ends when the first window after its start closes, in the zone that closes last.
    func singleDayCutoff(keys: [String], state: inout RunnerState) async throws -> Date? {
        if let cached = state.cutoff { return cached }
        guard let started = try await store.runStartedAt(campaignId: campaignId), var schedule = state.schedule else {
            return nil
        }
        var latest: Date?
        for key in keys {
            let zones = schedule.rules(for: key).windowZones
            guard !zones.isEmpty, let opens = schedule.window.nextOpen(atOrAfter: started, in: zones),
                let closes = schedule.window.closesAfter(opens, in: zones)
            else { continue }
            latest = max(latest ?? closes, closes)
        }
        state.schedule = schedule
        state.cutoff = latest
        return latest
    }
}
