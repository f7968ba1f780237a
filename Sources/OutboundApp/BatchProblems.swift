import CampaignCore
import CampaignStore
import ContactImport

/// The problems of one batch of an import, for the error file and the counts: the reader's (rejected rows, ignored
/// cells) and the store's (merged duplicates, alternates left out), in file order, the reader's first on a line.
struct BatchProblems {
    private(set) var problems: [RowProblem] = []

    init(_ batch: ContactRowBatch, notices: [ContactAddNotice], header: ContactHeader) {
        var reader = batch.problems[...]
        for notice in notices {
            let contact = batch.contacts.contacts[notice.index]
            while let first = reader.first, first.line <= contact.sourceLine {
                problems.append(first)
                reader.removeFirst()
            }
            problems += Self.problems(for: notice.result, line: contact.sourceLine) { number in
                let origin = contact.numberIndices.first {
                    batch.contacts.string(batch.contacts.numbers[$0].text) == number
                }
                .map { Int(batch.contacts.numbers[$0].origin) }
                return origin.map { header.phoneColumns[$0].name } ?? ""
            }
        }
        problems += reader
    }

    /// Warnings for a merged duplicate and for alternates left out because an earlier contact has them; `column`
    /// names the column of one of the contact's numbers.
    static func problems(for result: ContactAddResult, line: Int, column: (String) -> String) -> [RowProblem] {
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
