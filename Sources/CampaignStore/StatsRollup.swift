import CampaignCore

/// The stored rollups of one campaign: its current run's counters, best-times grid and leads by disposition, and
/// its calls and cost by UTC day over every run.
public struct StatsRollup: Sendable, Equatable {
    /// The current run's call counters.
    public struct Totals: Sendable, Equatable {
        /// Calls that ended.
        public var calls = 0
        /// Calls answered by anyone.
        public var answered = 0
        /// Calls answered by a human (or an unknown answerer).
        public var humanAnswered = 0
        /// Calls that reached the person.
        public var reached = 0
        /// Connected seconds of the human-answered calls.
        public var humanConnectedSeconds = 0

        /// Zero counters.
        public init() {}
    }

    /// One cell of the best-times grid.
    public struct SlotCount: Sendable, Equatable {
        /// Calls placed in the slot.
        public var calls: Int
        /// Of them, answered by a human.
        public var answered: Int

        /// Creates a cell.
        public init(calls: Int, answered: Int) {
            self.calls = calls
            self.answered = answered
        }
    }

    /// One UTC day of calls and cost.
    public struct DayCost: Sendable, Equatable {
        /// Seconds billed (connected time rounded up to the carriers' increments).
        public var billedSeconds: Int64
        /// Cost in millionths of the carriers' currency.
        public var costMicros: Int64
        /// Calls priced (their carrier had a rate).
        public var pricedCalls: Int
        /// Calls that ended on the day, priced or not.
        public var calls: Int

        /// Creates a day.
        public init(billedSeconds: Int64, costMicros: Int64, pricedCalls: Int, calls: Int = 0) {
            self.billedSeconds = billedSeconds
            self.costMicros = costMicros
            self.pricedCalls = pricedCalls
            self.calls = calls
        }
    }

    /// The run the counters are of (1 for the first run).
    public var run = 1
    /// Call counters of the current run.
    public var totals = Totals()
    /// Best-times cells of the current run.
    public var slots: [LocalSlot: SlotCount] = [:]
    /// Leads by last disposition (as recorded), in the current run.
    public var leadDispositions: [String: Int] = [:]
    /// Calls and cost by UTC day (days since 1970-01-01), every run.
    public var days: [Int64: DayCost] = [:]

    /// Empty rollups.
    public init() {}
}

/// What the stats read: a campaign's rollups, a few index reads whatever its size.
public protocol StatsStore: Sendable {
    /// The rollups of campaign `campaignId` of organisation `orgId`; ``StoreError/campaignNotFound(_:)`` when the
    /// organisation has no such campaign.
    func statsRollup(orgId: Int64, campaignId: Int64) async throws -> StatsRollup
}
