/// The one CSV writer of the product: every cell neutralised by ``CSVCell``, then quoted as RFC 4180 says when it
/// holds a comma, a quote or a line end (quotes doubled). Lines come without their line end.
public enum CSVLine {
    /// One CSV line of `fields`; `quotingOuterSpaces` also quotes a cell that starts or ends with a space (the
    /// import's error file does, so that a spreadsheet does not trim the text it reports).
    public static func line(_ fields: [String], quotingOuterSpaces: Bool = false) -> String {
        fields.map { cell($0, quotingOuterSpaces: quotingOuterSpaces) }.joined(separator: ",")
    }

    /// One CSV cell: `text` neutralised, and quoted when it needs to be.
    public static func cell(_ text: String, quotingOuterSpaces: Bool = false) -> String {
        let field = CSVCell.neutralised(text)
        let needsQuotes =
            field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || (quotingOuterSpaces && (field.hasPrefix(" ") || field.hasSuffix(" ")))
        guard needsQuotes else { return field }
        // Doubling quotes by hand: Foundation's `replacingOccurrences` was two thirds of a contact export.
        var quoted = "\""
        quoted.reserveCapacity(field.utf8.count + 8)
        for scalar in field.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
