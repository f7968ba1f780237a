import CampaignCore
import Foundation

/// An independent replay of a call log against a settings document: it recomputes every rule from the exported
/// calls with its own time arithmetic (offsets from `secondsFromGMT`, not `Calendar`) and lists each violation.
public struct CallLogChecker {
    public let settings: CampaignSettings
    /// Extra dials a lead may get beyond `maxAttempts` (scheduled callbacks).
    public var callbackAllowance = 0
    /// The organisation's cap on live calls, if any.
    public var orgCap: Int?
    /// The carrier's calls-per-second limit, if any.
    public var callsPerSecond: Int?
    /// Numbers put on the opt-out list by hand, and when.
    public var manualOptOuts: [String: Date] = [:]
    /// Each lead's numbers, primary first (for the number-strategy check).
    public var numbersByLead: [Int64: [String]] = [:]
    /// Each lead's candidate zones, where the quiet hours are read (SPEC §9); a lead without any is not checked.
    public var zonesByLead: [Int64: [String]] = [:]

    /// A checker of calls made under `settings`; `callbackAllowance` extra dials a lead may get for callbacks.
    public init(settings: CampaignSettings, callbackAllowance: Int = 0) {
        self.settings = settings
        self.callbackAllowance = callbackAllowance
    }

    /// Every rule the calls break, one line each; empty when they keep every rule.
    public func violations(in calls: [CallRecord]) -> [String] {
        var found: [String] = []
        for call in calls {
            for name in call.contactTimezone.split(separator: "|") {
                guard let zone = TimeZone(identifier: String(name)) else {
                    found.append("call \(call.id): unknown zone \(name)")
                    continue
                }
                if !windowOpen(at: call.queuedAt, zone: zone) {
                    found.append(
                        "call \(call.id): queued at \(ISOTime.format(call.queuedAt)) outside the window in \(name)")
                }
            }
            if call.result == nil { found.append("call \(call.id): never ended") }
        }
        found += concurrencyViolations(calls)
        found += perLeadViolations(calls)
        found += optOutViolations(calls)
        found += hourlyCapViolations(calls)
        found += perSecondViolations(calls)
        found += strategyViolations(calls)
        found += numberStrategyViolations(calls)
        found += sweepViolations(calls)
        found += quietHoursViolations(calls)
        found += frequencyCapViolations(calls)
        return found
    }

    /// Minute-of-week arithmetic in the zone: local = UTC + offset at that instant.
    func windowOpen(at instant: Date, zone: TimeZone) -> Bool {
        let local = Int(instant.timeIntervalSince1970) + zone.secondsFromGMT(for: instant)
        let days = Int((Double(local) / 86_400).rounded(.down))
        let minuteOfDay = (local - days * 86_400) / 60
        let weekdays: [Weekday] = [.thu, .fri, .sat, .sun, .mon, .tue, .wed]  // 1970-01-01 was a Thursday
        let weekday = weekdays[((days % 7) + 7) % 7]
        return settings.window.days.contains(weekday) && minuteOfDay >= settings.window.start.minutes
            && minuteOfDay < settings.window.end.minutes
    }

    private func concurrencyViolations(_ calls: [CallRecord]) -> [String] {
        var events: [(Date, Int)] = []
        for call in calls {
            events.append((call.queuedAt, 1))
            events.append((call.result?.endedAt ?? .distantFuture, -1))
        }
        events.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
        var live = 0
        for (instant, change) in events {
            live += change
            let limit = min(settings.outboundSlots, orgCap ?? Int.max)
            if live > limit {
                return ["\(live) calls live at \(ISOTime.format(instant)), more than \(limit)"]
            }
        }
        return []
    }

    private func perLeadViolations(_ calls: [CallRecord]) -> [String] {
        var found: [String] = []
        for (lead, group) in Dictionary(grouping: calls, by: \.leadId) {
            let ordered = group.sorted { $0.attempt < $1.attempt }
            if ordered.map(\.attempt) != Array(1...ordered.count) {
                found.append("lead \(lead): attempts \(ordered.map(\.attempt)) are not 1…n")
            }
            let limit =
                settings.retry.numberStrategy == .sweep ? Int.max : settings.retry.maxAttempts + callbackAllowance
            if ordered.count > limit { found.append("lead \(lead): \(ordered.count) dials, more than \(limit)") }
            var callbacks = 0
            for (previous, next) in zip(ordered, ordered.dropFirst()) {
                guard let ended = previous.result?.endedAt else { continue }
                if next.queuedAt < ended { found.append("lead \(lead): attempt \(next.attempt) overlaps the previous") }
                let callback =
                    previous.result?.disposition == "CALLBACK" && previous.result?.callbackAt != nil
                    && settings.callbackDetection && settings.agent.callbacks && callbacks < RetryRules.maximumCallbacks
                if callback { callbacks += 1 }
                let atOnce = settings.retry.numberStrategy == .sweep && next.pass == previous.pass
                let delay = Double(settings.retry.delayMinutes) * 60
                if !callback && !atOnce && next.queuedAt.timeIntervalSince(ended) < delay - 0.001 {
                    found.append("lead \(lead): attempt \(next.attempt) came before the retry delay")
                }
                if callback, let wanted = previous.result?.callbackAt, next.queuedAt < wanted {
                    found.append("lead \(lead): callback dialled before the requested time")
                }
            }
        }
        return found
    }

    private func optOutViolations(_ calls: [CallRecord]) -> [String] {
        var optedOut = manualOptOuts
        for call in calls where call.result?.disposition == "OPT_OUT" {
            let at = call.result!.endedAt
            optedOut[call.to] = min(optedOut[call.to] ?? at, at)
        }
        return calls.compactMap { call in
            guard let since = optedOut[call.to], call.queuedAt > since else { return nil }
            return "call \(call.id): dialled \(call.to) after it opted out"
        }
    }

    private func perSecondViolations(_ calls: [CallRecord]) -> [String] {
        guard let cps = callsPerSecond else { return [] }
        let times = calls.map(\.queuedAt).sorted()
        var start = 0
        for end in times.indices {
            while times[end].timeIntervalSince(times[start]) >= 1 { start += 1 }
            if end - start + 1 > cps {
                return ["more than \(cps) dials in the second before \(ISOTime.format(times[end]))"]
            }
        }
        return []
    }

    /// Caller IDs follow the caller-ID strategy.
    private func strategyViolations(_ calls: [CallRecord]) -> [String] {
        var found: [String] = []
        let pool = settings.numberPool
        for (lead, group) in Dictionary(grouping: calls, by: \.leadId) {
            let ordered = group.sorted { $0.attempt < $1.attempt }
            for call in ordered {
                let index = call.attempt - 1
                let expected: String? =
                    switch settings.callerIdStrategy {
                    case .rolling: pool[index % pool.count]
                    case .clamp: pool[min(index, pool.count - 1)]
                    case .custom: settings.callerIdSlots[min(index, settings.callerIdSlots.count - 1)]
                    case .rotate: nil
                    }
                if let expected, call.from != expected {
                    found.append("call \(call.id): caller ID \(call.from), strategy wants \(expected)")
                }
            }
            if settings.callerIdStrategy == .rotate {
                for (previous, next) in zip(ordered, ordered.dropFirst()) {
                    let step =
                        (pool.firstIndex(of: next.from)! - pool.firstIndex(of: previous.from)! + pool.count)
                        % pool.count
                    if step != 1 % pool.count {
                        found.append("lead \(lead): rotate did not move to the next caller ID")
                    }
                }
            }
        }
        return found
    }

    /// Sweep: within a pass a contact's numbers go in order; a pass starts only after every contact finished the
    /// previous one, plus the retry delay; at most `maxAttempts` passes.
    private func sweepViolations(_ calls: [CallRecord]) -> [String] {
        guard settings.retry.numberStrategy == .sweep else { return [] }
        var found: [String] = []
        var firstCallback: [Int64: Int] = [:]
        for call in calls where call.result?.disposition == "CALLBACK" && call.result?.callbackAt != nil {
            firstCallback[call.leadId] = min(firstCallback[call.leadId] ?? call.attempt, call.attempt)
        }
        let regular = calls.filter { call in firstCallback[call.leadId].map { call.attempt <= $0 } ?? true }
        let byPass = Dictionary(grouping: regular, by: \.pass)
        for (pass, group) in byPass where pass > 1 {
            guard let previous = byPass[pass - 1], let lastEnd = previous.compactMap({ $0.result?.endedAt }).max(),
                let firstStart = group.map(\.queuedAt).min()
            else { continue }
            let earliest = lastEnd.addingTimeInterval(Double(settings.retry.delayMinutes) * 60)
            if firstStart < earliest.addingTimeInterval(-0.001) {
                found.append(
                    "pass \(pass) began at \(ISOTime.format(firstStart)), before pass \(pass - 1) ended + delay")
            }
        }
        if let highest = calls.map(\.pass).max(), highest > settings.retry.maxAttempts {
            found.append("pass \(highest) exceeds \(settings.retry.maxAttempts) passes")
        }
        for (lead, group) in Dictionary(grouping: calls, by: \.leadId) {
            let ordered = group.sorted { $0.attempt < $1.attempt }
            for (previous, next) in zip(ordered, ordered.dropFirst()) where previous.pass == next.pass {
                if next.numberIndex <= previous.numberIndex && previous.result?.disposition != "CALLBACK" {
                    found.append("lead \(lead): pass \(next.pass) went back to number \(next.numberIndex)")
                }
            }
        }
        return found
    }

    private func hourlyCapViolations(_ calls: [CallRecord]) -> [String] {
        guard let cap = settings.callsPerHour else { return [] }
        let times = calls.map(\.queuedAt).sorted()
        var start = 0
        for end in times.indices {
            while times[end].timeIntervalSince(times[start]) >= 3600 { start += 1 }
            if end - start + 1 > cap {
                return ["more than \(cap) dials in the hour before \(ISOTime.format(times[end]))"]
            }
        }
        return []
    }
}
