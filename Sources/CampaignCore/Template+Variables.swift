extension Template {
    /// The variables a set of texts uses (an agent's greeting, prompt and voicemail), in order of
    /// first appearance, without repeats.
    public static func variables(in texts: [String]) -> [String] {
        var seen = Set<String>()
        var ordered: [String] = []
        for text in texts {
            for name in Template(text).variables where seen.insert(name).inserted {
                ordered.append(name)
            }
        }
        return ordered
    }

    /// The header line of a CSV template for an agent whose texts use `variables`:
    /// `phone_number,name`, then one lower-cased column per other variable.
    public static func csvTemplateHeader(variables: [String]) -> String {
        var columns = ["phone_number", "name"]
        for variable in variables {
            let column = normalizedName(variable).lowercased()
            if !column.isEmpty && !columns.contains(column) { columns.append(column) }
        }
        return CSVLine.line(columns)
    }

    /// Maps imported columns onto an agent's variables of other names, for example the column
    /// `Customer` (normalised `CUSTOMER`) onto the agent's `{{NAME}}`.
    public struct VariableMapping: Sendable, Hashable, Codable {
        /// Normalised column name → normalised agent variable name.
        public private(set) var columnToVariable: [String: String]

        /// Creates a mapping; both sides are normalised.
        public init(_ columnToVariable: [String: String] = [:]) {
            var normalized: [String: String] = [:]
            for (column, variable) in columnToVariable {
                let from = Template.normalizedName(column)
                let to = Template.normalizedName(variable)
                if !from.isEmpty && !to.isEmpty { normalized[from] = to }
            }
            self.columnToVariable = normalized
        }

        /// The agent variable a column feeds, if it is mapped.
        public func variable(forColumn column: String) -> String? {
            columnToVariable[Template.normalizedName(column)]
        }

        /// A contact's variables with every mapped column also available under its agent name.
        /// The original names stay, so `{{CUSTOMER}}` and `{{NAME}}` both render. A mapped value
        /// replaces an existing variable of the target name only when it is not empty.
        public func apply(to variables: [String: String]) -> [String: String] {
            var result: [String: String] = [:]
            for (key, value) in variables { result[Template.normalizedName(key)] = value }
            for (column, variable) in columnToVariable.sorted(by: { $0.key < $1.key }) {
                guard let value = result[column], !value.isEmpty else { continue }
                result[variable] = value
            }
            return result
        }
    }
}

extension Template {
    /// The variables a call to one of a contact's numbers renders: the contact's own variables, with the variables
    /// that belong to the dialled number (`name_2` of `phone_number_2`, stored as `NAME` for alternate index 1) in
    /// their place. `numberVariables` is parallel to the contact's numbers and may be shorter.
    public static func callVariables(
        contact: [String: String], numberVariables: [[String: String]], numberIndex: Int
    ) -> [String: String] {
        guard numberVariables.indices.contains(numberIndex) else { return contact }
        return contact.merging(numberVariables[numberIndex]) { _, own in own }
    }
}
