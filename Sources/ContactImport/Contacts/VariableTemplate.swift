/// Builds a row's variables without hashing a name: the dictionary with every variable of the
/// header is made once per file, then copied for each row and filled in through its indices.
///
/// Inserting four or five variables into a fresh dictionary hashes each name again for every
/// row, which cost more than parsing the row's phone number once the parser was fast.
struct VariableTemplate: Sendable {
    /// Every variable, mapped to the empty string.
    private let blank: [String: String]
    /// Where each variable sits in ``blank`` (and in its copies), and the column it comes from.
    private let slots: [(position: Dictionary<String, String>.Index, column: Int)]

    /// A template for `columns`, whose variable names are distinct.
    init(_ columns: [ContactHeader.VariableColumn]) {
        var blank = [String: String](minimumCapacity: columns.count)
        for column in columns { blank[column.variable] = "" }
        self.blank = blank
        self.slots = columns.map { column in (blank.index(forKey: column.variable)!, column.index) }
        self.names = columns.map(\.variable)
        self.columns = columns.map(\.index)
    }

    /// The variable names, in column order.
    let names: [String]
    /// The column of each name.
    private let columns: [Int]

    /// The values of a row, in the order of ``names``.
    func values(_ cell: (Int) -> String) -> [String] { columns.map(cell) }

    /// The variables of a row whose cell `index` is `cell(index)`.
    func variables(_ cell: (Int) -> String) -> [String: String] {
        var variables = blank
        for slot in slots { variables.values[slot.position] = cell(slot.column) }
        return variables
    }
}
