import CampaignCore
import CampaignStore
import Foundation

/// A campaign's figures (SPEC §8, §11 `GET /v1/campaigns/{id}/stats`): lead counts, the KPIs of its current run,
/// its cost (every run) with the last 30 UTC days, and answer rates by the contacts' local weekday and hour.
public struct CampaignStatsReport: Sendable, Equatable {
    /// One UTC day of calls and cost.
    public struct Day: Sendable, Equatable {
        /// The UTC date, `yyyy-MM-dd`.
        public var date: String
        /// Calls that ended on the day (every run).
        public var calls: Int
        /// Billed seconds.
        public var billedSeconds: Int64
        /// Cost in millionths.
        public var costMicros: Int64
    }

    /// One cell of the best-times grid.
    public struct Slot: Sendable, Equatable {
        /// Local weekday.
        public var weekday: Weekday
        /// Local hour, 0–23.
        public var hour: Int
        /// Calls placed.
        public var calls: Int
        /// Of them, answered by a human.
        public var answered: Int
        /// `answered ÷ calls`.
        public var answerRate: Double { calls == 0 ? 0 : Double(answered) / Double(calls) }
    }

    /// Days `costPerDay` covers, ending today.
    public static let trendDays = 30

    /// Leads by status.
    public var counts: LeadCounts
    /// Calls that ended in the current run.
    public var callsMade: Int
    /// Calls answered by a human (or an unknown answerer).
    public var humanAnswered: Int
    /// Calls that reached the person: human-answered, not short, not a wrong number.
    public var reached: Int
    /// Leads whose last disposition is `INTERESTED`.
    public var interested: Int
    /// Leads whose last disposition is `OPT_OUT`.
    public var optOuts: Int
    /// Leads whose last disposition is one of the campaign's `successDispositions`.
    public var converted: Int
    /// Connected seconds of the human-answered calls.
    public var humanConnectedSeconds: Int
    /// Cost of every priced call in millionths; nil while no call had a carrier with a rate.
    public var costMicros: Int64?
    /// The last ``trendDays`` UTC days (calls and cost), oldest first, days without calls at zero.
    public var costPerDay: [Day]
    /// The best-times cells with at least one call, Monday first, by hour.
    public var bestTimes: [Slot]

    /// Calls that ended today (the trend's last UTC day), every run.
    public var callsToday: Int { costPerDay.last?.calls ?? 0 }

    /// Human-answered ÷ calls made (0 with no calls).
    public var answerRate: Double { callsMade == 0 ? 0 : Double(humanAnswered) / Double(callsMade) }
    /// Converted leads ÷ reached calls (0 with none reached).
    public var conversionRate: Double { reached == 0 ? 0 : Double(converted) / Double(reached) }
    /// Mean connected seconds of a human-answered call (0 with none).
    public var averageConnectedSeconds: Double {
        humanAnswered == 0 ? 0 : Double(humanConnectedSeconds) / Double(humanAnswered)
    }

    /// The report of `rollup` and `counts` for a campaign whose successes are `successDispositions`, with the cost
    /// trend ending on the UTC day of `now`.
    public init(rollup: StatsRollup, counts: LeadCounts, successDispositions: [String], now: Date) {
        self.counts = counts
        callsMade = rollup.totals.calls
        humanAnswered = rollup.totals.humanAnswered
        reached = rollup.totals.reached
        humanConnectedSeconds = rollup.totals.humanConnectedSeconds
        var byName: [String: Int] = [:]
        for (name, leads) in rollup.leadDispositions { byName[name.uppercased(), default: 0] += leads }
        interested = byName[StandardDisposition.interested.rawValue] ?? 0
        optOuts = byName[StandardDisposition.optOut.rawValue] ?? 0
        converted = Set(successDispositions.map { $0.uppercased() }).reduce(0) { $0 + (byName[$1] ?? 0) }
        let priced = rollup.days.values.contains { $0.pricedCalls > 0 }
        costMicros = priced ? rollup.days.values.reduce(0) { $0 + $1.costMicros } : nil
        let today = CallContribution.utcDay(now)
        costPerDay = (today - Int64(Self.trendDays) + 1...today).map { day in
            let cost = rollup.days[day]
            return Day(
                date: CallContribution.dateText(utcDay: day), calls: cost?.calls ?? 0,
                billedSeconds: cost?.billedSeconds ?? 0, costMicros: cost?.costMicros ?? 0)
        }
        bestTimes = rollup.slots.filter { $0.value.calls > 0 }
            .map {
                Slot(weekday: $0.key.weekday, hour: $0.key.hour, calls: $0.value.calls, answered: $0.value.answered)
            }
            .sorted {
                (LocalSlot(weekday: $0.weekday, hour: $0.hour).isoWeekday, $0.hour)
                    < (LocalSlot(weekday: $1.weekday, hour: $1.hour).isoWeekday, $1.hour)
            }
    }

    /// The report as the API and `outbound campaign stats --json` write it (money as decimal numbers of the
    /// carrier's currency, minutes as billed seconds ÷ 60).
    public var json: JSONValue {
        .object([
            "counts": .object([
                "total": .number(Double(counts.total)), "pending": .number(Double(counts.pending)),
                "inProgress": .number(Double(counts.inProgress)), "completed": .number(Double(counts.completed)),
                "failed": .number(Double(counts.failed)), "excluded": .number(Double(counts.excluded)),
            ]),
            "callsMade": .number(Double(callsMade)),
            "reached": .number(Double(reached)),
            "interested": .number(Double(interested)),
            "optOuts": .number(Double(optOuts)),
            "answerRate": .number(answerRate),
            "conversionRate": .number(conversionRate),
            "averageConnectedSeconds": .number(averageConnectedSeconds),
            "cost": costMicros.map { .number(Self.money($0)) } ?? .null,
            "costPerDay": .array(
                costPerDay.map { day in
                    .object([
                        "date": .string(day.date), "calls": .number(Double(day.calls)),
                        "minutes": .number(Double(day.billedSeconds) / 60),
                        "cost": .number(Self.money(day.costMicros)),
                    ])
                }),
            "bestTimes": .array(
                bestTimes.map { slot in
                    .object([
                        "weekday": .string(slot.weekday.rawValue), "hour": .number(Double(slot.hour)),
                        "calls": .number(Double(slot.calls)), "answered": .number(Double(slot.answered)),
                        "answerRate": .number(slot.answerRate),
                    ])
                }),
        ])
    }

    /// Millionths as a number of currency units, through its exact decimal text.
    static func money(_ micros: Int64) -> Double { Double(MicroAmount.text(micros)) ?? 0 }
}

/// The stats use case, shared by `GET /v1/campaigns/{id}/stats` and `outbound campaign stats`: a few index reads
/// of the rollups and the lead counts, whatever the campaign's size.
public struct CampaignStats: Sendable {
    let store: any StatsStore & ReportsStore & TenantStore

    /// Stats over `store`.
    public init(store: any StatsStore & ReportsStore & TenantStore) { self.store = store }

    /// The report of the organisation's campaign `id` at `now`; ``ServerFailure/notFound(_:)`` for a campaign the
    /// organisation does not have.
    public func report(orgId: Int64, campaignId id: Int64, now: Date) async throws -> CampaignStatsReport {
        guard let campaign = try await store.campaign(orgId: orgId, id: id) else {
            throw ServerFailure.notFound("campaign \(id) not found")
        }
        let rollup: StatsRollup
        do {
            rollup = try await store.statsRollup(orgId: orgId, campaignId: id)
        } catch StoreError.campaignNotFound {
            throw ServerFailure.notFound("campaign \(id) not found")
        }
        let counts = try await store.leadCounts(campaignId: id)
        return CampaignStatsReport(
            rollup: rollup, counts: counts, successDispositions: campaign.settings.successDispositions, now: now)
    }
}
