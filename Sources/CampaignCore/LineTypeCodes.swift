/// Line types as stored in `leads.number_types`: one letter per number, in the order of `leads.numbers`
/// (`BF` = a fixed-line-or-mobile primary with a fixed-line alternate). Names the table does not know are `?`.
public enum LineTypeCodes {
    /// Each line type name of the contact import with its letter. Longer names first: the SQL conversion of
    /// older rows replaces them in this order, and `fixed_line` is part of `fixed_line_or_mobile`.
    public static let table: [(name: String, code: Character)] = [
        ("fixed_line_or_mobile", "B"), ("fixed_line", "F"), ("mobile", "M"), ("toll_free", "T"), ("premium", "P"),
        ("shared_cost", "S"), ("voip", "V"), ("personal_number", "N"), ("pager", "G"), ("uan", "U"),
        ("voicemail", "W"), ("unknown", "?"),
    ]

    private static let codeByName = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0.code) })
    private static let nameByCode = Dictionary(uniqueKeysWithValues: table.map { ($0.code, $0.name) })

    /// The letter of one line type name, as a byte.
    public static func code(of name: String) -> UInt8 { codeByName[name]?.asciiValue ?? UInt8(ascii: "?") }

    /// The stored text for a list of line type names.
    public static func encode(_ names: some Sequence<String>) -> String {
        String(decoding: names.map(code(of:)), as: UTF8.self)
    }

    /// The line type names of a stored text.
    public static func decode(_ codes: String) -> [String] {
        codes.map { nameByCode[$0] ?? "unknown" }
    }
}
