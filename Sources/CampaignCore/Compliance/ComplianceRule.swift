/// One rule of the compliance rules file: a legal source, the jurisdiction it applies to, the local hours per weekday
/// when calls are allowed, the local dates when they are not, and frequency caps per number.
public struct ComplianceRule: Sendable, Hashable, Identifiable {
    /// A stable identifier, shown as `blocked_by`.
    public let id: String
    /// The legal citation the rule comes from.
    public let source: String
    /// Where the rule applies: a country (`IN`), a subdivision (`US-FL`) or ``ComplianceRules/defaultJurisdiction``.
    public let jurisdiction: String
    /// Allowed local hours per weekday; a weekday without hours allows no calls.
    public let hours: [Weekday: HoursSpan]
    /// Local dates without calls.
    public let blockedDates: [BlockedDate]
    /// Attempt caps per number, across all campaigns of an organisation.
    public let caps: [FrequencyCap]
    /// Free text, e.g. what could not be verified.
    public let note: String?

    /// The spans indexed Monday = 0 … Sunday = 6, for evaluation without hashing.
    let spansByWeekday: [HoursSpan?]

    /// Creates a rule.
    public init(
        id: String, source: String, jurisdiction: String, hours: [Weekday: HoursSpan],
        blockedDates: [BlockedDate] = [], caps: [FrequencyCap] = [], note: String? = nil
    ) {
        self.id = id
        self.source = source
        self.jurisdiction = jurisdiction
        self.hours = hours
        self.blockedDates = blockedDates
        self.caps = caps
        self.note = note
        spansByWeekday = Weekday.allCases.map { hours[$0] }
    }

}

/// A span of local wall-clock time within one day: calls may start at `start` and strictly before `end`.
public struct HoursSpan: Sendable, Hashable, CustomStringConvertible {
    /// The first allowed minute.
    public let start: LocalTime
    /// Calls start strictly before this time (`24:00` for the end of the day).
    public let end: LocalTime

    /// Creates a span; nil unless `start < end`.
    public init?(start: LocalTime, end: LocalTime) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    /// `08:00–21:00`.
    public var description: String { "\(start)–\(end)" }
}
