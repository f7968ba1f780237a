import Synchronization

/// Reads the rows of a ``ContactRowReader`` on a task of its own, a batch at a time, so that parsing, E.164 and
/// zones run on one core while the caller stores the rows on another. A ``RowBatchCollector`` gathers the rows
/// on the reading task too, in the form the caller takes them (an import: a ``ContactBatch``). The reader is
/// at most two batches ahead (see ``BatchHandOver``), so memory stays bounded whatever the file size. Rows come in
/// file order.
///
/// Call ``close()`` once done, also after an error: it stops the reading task and waits for it (the task holds
/// the open file).
///
/// ```swift
/// let rows = ContactReadAhead(reader)
/// while let batch = try await rows.next() { for row in batch { … } }  // [ContactRow]
/// await rows.close()
/// ```
public final class ContactReadAhead<Collector: RowBatchCollector>: Sendable {
    /// Rows per batch: large enough that handing a batch over costs nothing per row, small enough to keep a few
    /// in memory.
    public static var defaultBatchSize: Int { 1024 }

    private let handOver: BatchHandOver<Collector.Batch>
    private let task: Task<Void, Never>

    /// Starts reading `reader` in batches of `batchSize` rows, each batch made by `collector`.
    public init(_ reader: consuming ContactRowReader, batchSize: Int = defaultBatchSize, collector: Collector) {
        let handOver = BatchHandOver<Collector.Batch>(capacity: 2)
        let source = ReaderBox(reader, collector)
        let size = max(batchSize, 1)
        self.handOver = handOver
        task = Task {
            while true {
                let (batch, rows, failure) = source.nextBatch(size)
                if rows > 0 {
                    guard await handOver.send(batch) else { return }
                }
                if failure != nil || rows < size {
                    handOver.finish(throwing: failure)
                    return
                }
            }
        }
    }

    /// The next batch in file order; `nil` at the end of the file. Throws what the reader threw (a
    /// ``ContactImportError``) once every row before the failure has come.
    public func next() async throws -> Collector.Batch? { try await handOver.next() }

    /// Stops reading (when the caller gave up early) and waits until the reading task has ended.
    public func close() async {
        handOver.cancel()
        await task.value
    }
}

/// Reads the rows of one batch on the reading task, into the form the caller takes them.
public protocol RowBatchCollector: Sendable {
    associatedtype Batch: Sendable
    /// Reads the next row of `reader` into the batch being gathered; false at the end of the file.
    mutating func collect(from reader: inout ContactRowReader) throws(ContactImportError) -> Bool
    /// The batch gathered so far; the next one starts empty.
    mutating func take() -> Batch
}

/// Gathers rows as ``ContactRow``s.
public struct ContactRowList: RowBatchCollector {
    private var rows: [ContactRow] = []

    public init() {}

    public mutating func collect(from reader: inout ContactRowReader) throws(ContactImportError) -> Bool {
        guard let row = try reader.next() else { return false }
        rows.append(row)
        return true
    }

    public mutating func take() -> [ContactRow] {
        defer { rows = [] }
        return rows
    }
}

extension ContactReadAhead where Collector == ContactRowList {
    /// Starts reading `reader` in batches of `batchSize` rows, handed over as they are.
    public convenience init(_ reader: consuming ContactRowReader, batchSize: Int = defaultBatchSize) {
        self.init(reader, batchSize: batchSize, collector: ContactRowList())
    }
}

/// The reader and the collector, owned by the reading task (the lock is never contended; it makes the box
/// `Sendable`).
private final class ReaderBox<Collector: RowBatchCollector>: Sendable {
    private struct State: ~Copyable {
        var reader: ContactRowReader
        var collector: Collector
    }

    private let state: Mutex<State>

    init(_ reader: consuming ContactRowReader, _ collector: Collector) {
        state = Mutex(State(reader: reader, collector: collector))
    }

    /// Up to `size` rows as a batch, fewer at the end of the file or when reading fails (the failure comes with the
    /// rows before it).
    func nextBatch(_ size: Int) -> (batch: Collector.Batch, rows: Int, failure: ContactImportError?) {
        state.withLock { state in
            var rows = 0
            var failure: ContactImportError?
            do throws(ContactImportError) {
                while rows < size, try state.collector.collect(from: &state.reader) { rows += 1 }
            } catch {
                failure = error
            }
            return (state.collector.take(), rows, failure)
        }
    }
}
