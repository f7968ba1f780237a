import CampaignCore
import CampaignStore

/// The rows of a contact file, a batch at a time, as an import stores them: the contacts in one flat
/// ``ContactBatch`` and the problems of the batch's rows.
public struct ContactRowBatch: Sendable {
    /// The contacts; a number's `origin` is the index of its column in ``ContactHeader/phoneColumns``.
    public var contacts = ContactBatch()
    /// Rejected rows and warnings about the cells of kept rows, in file order.
    public var problems: [RowProblem] = []
    /// The data rows read.
    public var rowCount = 0

    public init() {}
}

/// Gathers the rows of a contact file into ``ContactRowBatch``es on the reading task, with the variables renamed
/// by a mapping: the reader writes each row straight into the batch, so that a row costs no allocation of its own.
public struct ContactBatchCollector: RowBatchCollector {
    private var builder: ContactBatchBuilder

    /// A collector for the rows of a file with `header`, its variables renamed by `mapping`.
    public init(header: ContactHeader, mapping: Template.VariableMapping) {
        builder = ContactBatchBuilder(header: header, mapping: mapping)
    }

    public mutating func collect(from reader: inout ContactRowReader) throws(ContactImportError) -> Bool {
        try reader.next(into: &builder)
    }

    public mutating func take() -> ContactRowBatch { builder.take() }
}
