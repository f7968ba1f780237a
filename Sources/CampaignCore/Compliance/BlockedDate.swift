/// A local calendar day on which a rule allows no calls: every year (`MM-DD`) or once (`YYYY-MM-DD`).
public enum BlockedDate: Sendable, Hashable, CustomStringConvertible {
    /// The same month and day every year.
    case annual(month: Int, day: Int)
    /// One date.
    case once(year: Int, month: Int, day: Int)

    /// Parses `MM-DD` or `YYYY-MM-DD`; nil for anything else or a day the month does not have.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isWholeNumber } }) else { return nil }
        switch parts.count {
        case 2:
            guard parts[0].count == 2, parts[1].count == 2, let month = Int(parts[0]), let day = Int(parts[1]),
                (1...12).contains(month), (1...LocalDay.daysIn(month: month, leapYear: true)).contains(day)
            else { return nil }
            self = .annual(month: month, day: day)
        case 3:
            guard parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, let year = Int(parts[0]),
                let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month),
                (1...LocalDay.daysIn(month: month, leapYear: LocalDay.isLeap(year))).contains(day)
            else { return nil }
            self = .once(year: year, month: month, day: day)
        default:
            return nil
        }
    }

    /// Whether the local day is this date.
    func matches(_ day: LocalDay) -> Bool {
        switch self {
        case .annual(let month, let dayOfMonth): day.month == month && day.day == dayOfMonth
        case .once(let year, let month, let dayOfMonth):
            day.year == year && day.month == month && day.day == dayOfMonth
        }
    }

    /// `MM-DD` or `YYYY-MM-DD`.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch self {
        case .annual(let month, let day): return "\(two(month))-\(two(day))"
        case .once(let year, let month, let day): return "\(year)-\(two(month))-\(two(day))"
        }
    }
}

/// A proleptic Gregorian date of a local day counted from 1970-01-01, by integer arithmetic (no calendar object).
struct LocalDay: Equatable {
    let year: Int
    let month: Int
    let day: Int

    /// Howard Hinnant's `civil_from_days`.
    init(daysSinceEpoch: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, leapYear: Bool) -> Int {
        switch month {
        case 2: leapYear ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
