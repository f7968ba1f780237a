import Foundation

/// What one ended call adds to its campaign's stats (SPEC §8, §11): the counters the rollups keep, decided once, by
/// the same rules as the lead's next step.
public struct CallContribution: Sendable, Equatable {
    /// Answered at all (by a human, a machine or an unknown answerer).
    public var answered: Bool
    /// Answered by a human (`unknown` counts as human, SPEC §6): the numerator of the answer rate.
    public var humanAnswered: Bool
    /// Reached the person: human-answered, not a short call, not a wrong number (``LeadDecision/reached``).
    public var reached: Bool
    /// Connected seconds (answered → ended), 0 when never answered.
    public var connectedSeconds: Int
    /// The contact's local weekday and hour when the call was placed.
    public var slot: LocalSlot
    /// The UTC day the call ended on, in days since 1970-01-01: the day its cost is counted on.
    public var utcDay: Int64

    /// The contribution of `result`, whose lead decision said `reached`, placed at `placedAt` (started, else
    /// queued) for a contact in `zone`.
    public init(result: CallResult, reached: Bool, placedAt: Date, zone: TimeZone) {
        answered = result.outcome == .answered
        humanAnswered = answered && result.answeredBy != .machine
        self.reached = reached
        connectedSeconds = result.connectedSeconds
        slot = LocalSlot(placedAt, in: zone)
        utcDay = Self.utcDay(result.endedAt)
    }

    /// Days since 1970-01-01 of `instant`'s UTC date.
    public static func utcDay(_ instant: Date) -> Int64 {
        Int64((instant.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The UTC date of a day number, `yyyy-MM-dd`.
    public static func dateText(utcDay: Int64) -> String {
        let instant = Date(timeIntervalSince1970: Double(utcDay) * 86_400)
        return String(ISOTime.format(instant).prefix(10))
    }
}
