import CampaignCore
import Foundation

/// An independent replay of a call log against a settings document: it recomputes every rule from the exported
/// calls with its own time arithmetic (offsets from `secondsFromGMT`, not `Calendar`) and lists each violation.
struct CallLogChecker {
    let settings: CampaignSettings
    /// Extra dials a lead may get beyond `maxAttempts` (scheduled callbacks).
    var callbackAllowance = 0

    func violations(in calls: [CallRecord]) -> [String] {
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
            if live > settings.outboundSlots {
                return ["\(live) calls live at \(ISOTime.format(instant)), more than \(settings.outboundSlots)"]
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
            for (previous, next) in zip(ordered, ordered.dropFirst()) {
                guard let ended = previous.result?.endedAt else { continue }
                if next.queuedAt < ended { found.append("lead \(lead): attempt \(next.attempt) overlaps the previous") }
                let callback = previous.result?.disposition == "CALLBACK" && previous.result?.callbackAt != nil
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
        var optedOut: [String: Date] = [:]
        for call in calls where call.result?.disposition == "OPT_OUT" {
            let at = call.result!.endedAt
            optedOut[call.to] = min(optedOut[call.to] ?? at, at)
        }
        return calls.compactMap { call in
            guard let since = optedOut[call.to], call.queuedAt > since else { return nil }
            return "call \(call.id): dialled \(call.to) after it opted out"
        }
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
