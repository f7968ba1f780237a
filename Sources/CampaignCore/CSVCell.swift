/// What every CSV the product writes does to a cell's text before quoting: OWASP's defence against CSV (formula)
/// injection.
///
/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is one a spreadsheet may run as a
/// formula, so it gets a leading `'`, which spreadsheets show as text. A cell that is exactly one or more
/// well-formed E.164 numbers joined by `|` (`+14155550100`, `+14155550100|+442071234567`) is left as it is: the
/// contracts of SPEC §10 put numbers in that form in `to`, `from` and `numbers`, outside checkers parse them, and
/// a spreadsheet reads `+` followed by digits as a number, never as a call.
public enum CSVCell {
    /// `text`, prefixed with `'` when a spreadsheet could read it as a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.utf8.first, isFormulaStart(first), !isE164List(text) else { return text }
        return "'" + text
    }

    private static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "@") || byte == 0x09 || byte == 0x0D
    }

    /// Whether `text` matches `^\+[0-9]{1,15}(\|\+[0-9]{1,15})*$`.
    static func isE164List(_ text: String) -> Bool {
        var digits = -1
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "+"):
                guard digits == -1 else { return false }
                digits = 0
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits >= 0, digits < 15 else { return false }
                digits += 1
            case UInt8(ascii: "|"):
                guard digits > 0 else { return false }
                digits = -1
            default:
                return false
            }
        }
        return digits > 0
    }
}
