import CampaignCore

/// How a mapping (`--map "Customer Name=NAME"`) fills the variables of a contact, or of one of its numbers: every
/// variable name once, in name order, with the columns that feed it in the order they are tried.
///
/// A column keeps its own variable and also feeds the variable it is mapped to. When several columns feed one
/// variable (a column mapped onto a variable the file has a column of, or two columns mapped to one variable), the
/// variable takes the first non-empty cell: the mapped columns first (the last by normalised column name first), then
/// the variable's own column. A row where another of those cells holds a different value keeps the first and reports
/// the other as a warning, so that no value is dropped silently. A mapping reads cells, never another mapping's
/// result.
struct MappedVariables: Sendable {
    /// One variable and the cells that feed it.
    struct Slot: Sendable {
        var name: String
        /// Cell indices, in the order they are tried.
        var columns: [Int]
        /// Whether the variable has a column of its own (then it is stored even when empty).
        var isAlwaysStored: Bool
    }

    private(set) var slots: [Slot]

    /// The plan for `columns` (each variable's name and cell index, names distinct) renamed by `mapping`.
    init(columns: [(name: String, column: Int)], mapping: Template.VariableMapping) {
        var own: [String: Int] = [:]
        var mapped: [String: [(name: String, column: Int)]] = [:]
        for (name, column) in columns {
            own[name] = column
            if let target = mapping.columnToVariable[name] { mapped[target, default: []].append((name, column)) }
        }
        slots = Set(own.keys).union(mapped.keys).sorted().map { name in
            let feeding = (mapped[name] ?? []).sorted { $0.name > $1.name }.map(\.column)
            return Slot(
                name: name, columns: feeding + (own[name].map { [$0] } ?? []), isAlwaysStored: own[name] != nil)
        }
    }

    /// The variables of the row in `cells` (on `line`), in name order; a cell that differs from the value its variable
    /// took goes to `ignored` as a warning.
    func variables(
        of cells: RowCells, line: Int, header: ContactHeader, ignored: inout [RowProblem]
    ) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(slots.count)
        for slot in slots {
            if slot.columns.count == 1 {
                let value = cells.string(slot.columns[0])
                if slot.isAlwaysStored || !value.isEmpty { result.append((slot.name, value)) }
                continue
            }
            guard let first = slot.columns.firstIndex(where: { !cells.isEmpty($0) }) else {
                if slot.isAlwaysStored { result.append((slot.name, "")) }
                continue
            }
            let taken = slot.columns[first]
            let value = cells.string(taken)
            result.append((slot.name, value))
            for column in slot.columns[(first + 1)...] where !cells.isEmpty(column) && cells.string(column) != value {
                ignored.append(
                    RowProblem(
                        line: line, column: header.names[column],
                        reason: "\(slot.name) takes the value of column \(header.names[taken]); this different value "
                            + "is not used for it", severity: .warning))
            }
        }
        return result
    }
}
