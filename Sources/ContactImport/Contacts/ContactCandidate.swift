/// A problem with one row of an import, for the error file (`line,column,reason`).
public struct RowProblem: Sendable, Hashable, CustomStringConvertible {
    /// Whether the row was dropped or kept despite the problem.
    public enum Severity: String, Sendable, Hashable {
        /// The row was not imported.
        case rejected
        /// The row was imported; one of its cells was ignored.
        case warning
    }

    /// The physical line the row starts on (the header is line 1).
    public let line: Int
    /// The header name of the offending column, empty when the whole row is at fault.
    public let column: String
    /// What is wrong, for a person.
    public let reason: String
    /// Whether the row was dropped.
    public let severity: Severity

    /// Creates a problem.
    public init(line: Int, column: String, reason: String, severity: Severity) {
        self.line = line
        self.column = column
        self.reason = reason
        self.severity = severity
    }

    /// `line N, column: reason`.
    public var description: String {
        column.isEmpty ? "line \(line): \(reason)" : "line \(line), \(column): \(reason)"
    }
}

/// One of a contact's phone numbers.
public struct ContactNumber: Sendable, Hashable {
    /// The parsed number.
    public let number: PhoneNumber
    /// The header name of the column it came from.
    public let column: String
    /// Variables for calls to this number only (`name_2` → `NAME` on alternate 2).
    public let variables: [String: String]

    /// The number in E.164 form.
    public var e164: String { number.e164 }
}

/// A contact read from a file, ready to be stored.
public struct ContactCandidate: Sendable, Hashable {
    /// The physical line of the file the contact starts on (the header is line 1).
    public let sourceLine: Int
    /// Usable numbers, the primary first, without repeats.
    public let numbers: [ContactNumber]
    /// The zone or zones the contact may be in, and where that came from.
    public let timeZone: TimeZoneResolution
    /// The normalised name of every variable column, in column order (one array shared by the rows of a file).
    public let variableNames: [String]
    /// Each variable's value (trimmed), in the order of ``variableNames``.
    public let variableValues: [String]
    /// Cells of this row that were ignored (an invalid alternate, an unknown time zone).
    public let warnings: [RowProblem]

    /// Normalised variable name → value.
    public var variables: [String: String] {
        Dictionary(zip(variableNames, variableValues), uniquingKeysWith: { first, _ in first })
    }

    /// The numbers in E.164 form, primary first.
    public var e164Numbers: [String] { numbers.map(\.e164) }
}

/// What one data row of a contact file became.
public enum ContactRow: Sendable, Hashable {
    /// A contact (possibly with warnings).
    case contact(ContactCandidate)
    /// A row that cannot be imported, with the reason.
    case rejected(RowProblem)
}
