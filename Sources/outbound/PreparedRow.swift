import CampaignCore
import CampaignStore
import ContactImport

/// A row of a contact file as the storing side of an import needs it, prepared on the reading task: the contact in
/// the store's form, or why the row was rejected. It keeps only what the storing side reads, so that handing it
/// over copies little and the rest of the parsed row is freed on the thread that made it.
enum PreparedRow: Sendable {
    /// A row that cannot be imported.
    case rejected(RowProblem)
    /// A contact, with the warnings about its cells and its parsed numbers (whose columns name a number the store
    /// leaves out).
    case contact(ImportedContact, warnings: [RowProblem], numbers: [ContactNumber])

    init(_ row: borrowing ContactRow, mapping: Template.VariableMapping) {
        switch row {
        case .rejected(let problem):
            self = .rejected(problem)
        case .contact(let candidate):
            self = .contact(
                ContactImportJob.imported(candidate, mapping: mapping), warnings: candidate.warnings,
                numbers: candidate.numbers)
        }
    }

    /// Warnings for a merged duplicate and for alternates left out because an earlier contact has them.
    static func problems(for result: ContactAddResult, line: Int, numbers: [ContactNumber]) -> [RowProblem] {
        func column(_ number: String) -> String { numbers.first { $0.e164 == number }?.column ?? "" }
        switch result {
        case .duplicate(let dropped):
            return [
                RowProblem(
                    line: line, column: column(dropped.number),
                    reason:
                        "duplicate: \(dropped.number) is already the number of \(dropped.origin); merged, not imported",
                    severity: .warning)
            ]
        case .imported(_, let dropped):
            return dropped.map { drop in
                RowProblem(
                    line: line, column: column(drop.number),
                    reason: "\(drop.number) is already a number of \(drop.origin); left out of this contact",
                    severity: .warning)
            }
        }
    }
}
