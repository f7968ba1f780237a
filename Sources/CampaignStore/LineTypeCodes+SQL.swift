import CampaignCore

extension LineTypeCodes {
    /// An SQL expression turning the `|`-joined names of schema 4 in `column` into codes (SQLite and PostgreSQL).
    static func sqlConversion(of column: String) -> String {
        var expression = column
        for (name, code) in table { expression = "REPLACE(\(expression), '\(name)', '\(code)')" }
        return "REPLACE(\(expression), '|', '')"
    }
}
