import Synchronization

/// Reads the rows of a ``ContactRowReader`` on a task of its own, a batch at a time, so that parsing, E.164 and
/// zones run on one core while the caller stores the rows on another. Each row goes through `transform` on the
/// reading task too (the caller's own preparation of a row, such as building what its store takes). The reader is
/// at most two batches ahead (see ``BatchHandOver``), so memory stays bounded whatever the file size. Rows come in
/// file order.
///
/// Call ``close()`` once done, also after an error: it stops the reading task and waits for it (the task holds
/// the open file).
///
/// ```swift
/// let rows = ContactReadAhead(reader)
/// while let batch = try await rows.next() { for row in batch { … } }
/// await rows.close()
/// ```
public final class ContactReadAhead<Item: Sendable>: Sendable {
    /// Rows per batch: large enough that handing a batch over costs nothing per row, small enough to keep a few
    /// in memory.
    public static var defaultBatchSize: Int { 1024 }

    private let handOver: BatchHandOver<[Item]>
    private let task: Task<Void, Never>

    /// Starts reading `reader` in batches of `batchSize` rows, each row turned into an item by `transform`.
    public init(
        _ reader: consuming ContactRowReader, batchSize: Int = defaultBatchSize,
        transform: @escaping @Sendable (ContactRow) -> Item
    ) {
        let handOver = BatchHandOver<[Item]>(capacity: 2)
        let source = ReaderBox(reader)
        let size = max(batchSize, 1)
        self.handOver = handOver
        task = Task {
            while true {
                let (batch, failure) = source.nextBatch(size, transform)
                if !batch.isEmpty {
                    guard await handOver.send(batch) else { return }
                }
                if failure != nil || batch.count < size {
                    handOver.finish(throwing: failure)
                    return
                }
            }
        }
    }

    /// The next items in file order; `nil` at the end of the file. Throws what the reader threw (a
    /// ``ContactImportError``) once every row before the failure has come.
    public func next() async throws -> [Item]? { try await handOver.next() }

    /// Stops reading (when the caller gave up early) and waits until the reading task has ended.
    public func close() async {
        handOver.cancel()
        await task.value
    }
}

extension ContactReadAhead where Item == ContactRow {
    /// Starts reading `reader` in batches of `batchSize` rows, handed over as they are.
    public convenience init(_ reader: consuming ContactRowReader, batchSize: Int = defaultBatchSize) {
        self.init(reader, batchSize: batchSize) { $0 }
    }
}

/// The reader, owned by the reading task (the lock is never contended; it makes the box `Sendable`).
private final class ReaderBox: Sendable {
    private let reader: Mutex<ContactRowReader>

    init(_ reader: consuming ContactRowReader) { self.reader = Mutex(reader) }

    /// Up to `size` rows as items, fewer at the end of the file or when reading fails (the failure comes with the
    /// rows before it).
    func nextBatch<Item>(
        _ size: Int, _ transform: (ContactRow) -> Item
    ) -> (items: [Item], failure: ContactImportError?) {
        reader.withLock { reader in
            var items: [Item] = []
            items.reserveCapacity(size)
            do throws(ContactImportError) {
                while items.count < size, let row = try reader.next() { items.append(transform(row)) }
            } catch {
                return (items, error)
            }
            return (items, nil)
        }
    }
}
