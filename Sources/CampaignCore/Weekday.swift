/// A day of the week as written in settings documents (`mon` … `sun`).
public enum Weekday: String, Sendable, Hashable, CaseIterable, Codable {
    case mon, tue, wed, thu, fri, sat, sun

    /// The Gregorian calendar's weekday number (1 = Sunday … 7 = Saturday).
    public var gregorianNumber: Int {
        switch self {
        case .sun: 1
        case .mon: 2
        case .tue: 3
        case .wed: 4
        case .thu: 5
        case .fri: 6
        case .sat: 7
        }
    }

    /// The weekday for a Gregorian weekday number (1 = Sunday).
    public init?(gregorianNumber: Int) {
        guard let day = Weekday.allCases.first(where: { $0.gregorianNumber == gregorianNumber }) else { return nil }
        self = day
    }

    /// Monday to Friday.
    public static let workweek: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
}
