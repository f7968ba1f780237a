import CampaignCore

/// Writes the downloadable error file of an import: `line,column,reason`, RFC 4180 quoting.
public enum RowProblemCSV {
    /// The header line.
    public static let header = "line,column,reason"

    /// One CSV line (without line end) for `problem`.
    public static func line(for problem: RowProblem) -> String {
        let reason = problem.severity == .warning ? "warning: \(problem.reason)" : problem.reason
        return "\(problem.line),\(quoted(problem.column)),\(quoted(reason))"
    }

    /// A whole error file, CRLF line ends as RFC 4180 has them.
    public static func document(_ problems: [RowProblem]) -> String {
        ([header] + problems.map(line(for:))).map { $0 + "\r\n" }.joined()
    }

    /// A field neutralised by ``CSVCell`` and quoted when it holds a comma, a quote, a line end or outer spaces.
    public static func quoted(_ cell: String) -> String { CSVLine.cell(cell, quotingOuterSpaces: true) }
}
