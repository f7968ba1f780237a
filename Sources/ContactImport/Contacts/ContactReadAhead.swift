import Synchronization

/// Reads the rows of a ``ContactRowReader`` on a task of its own, a batch at a time, so that parsing, E.164 and
/// zones run on one core while the caller stores the rows on another. The reader is at most two batches ahead
/// (see ``BatchHandOver``), so memory stays bounded whatever the file size. Rows come in file order.
///
/// Call ``close()`` once done, also after an error: it stops the reading task and waits for it (the task holds
/// the open file).
///
/// ```swift
/// let rows = ContactReadAhead(reader)
/// while let batch = try await rows.next() { for row in batch { … } }
/// await rows.close()
/// ```
public final class ContactReadAhead: Sendable {
    /// Rows per batch: large enough that handing a batch over costs nothing per row, small enough to keep a few
    /// in memory.
    public static let defaultBatchSize = 1024

    private let handOver: BatchHandOver<[ContactRow]>
    private let task: Task<Void, Never>

    /// Starts reading `reader` in batches of `batchSize` rows.
    public init(_ reader: consuming ContactRowReader, batchSize: Int = defaultBatchSize) {
        let handOver = BatchHandOver<[ContactRow]>(capacity: 2)
        let source = ReaderBox(reader)
        let size = max(batchSize, 1)
        self.handOver = handOver
        task = Task {
            while true {
                let (batch, failure) = source.nextBatch(size)
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

    /// The next rows in file order; `nil` at the end of the file. Throws what the reader threw (a
    /// ``ContactImportError``) once every row before the failure has come.
    public func next() async throws -> [ContactRow]? { try await handOver.next() }

    /// Stops reading (when the caller gave up early) and waits until the reading task has ended.
    public func close() async {
        handOver.cancel()
        await task.value
    }
}

/// The reader, owned by the reading task (the lock is never contended; it makes the box `Sendable`).
private final class ReaderBox: Sendable {
    private let reader: Mutex<ContactRowReader>

    init(_ reader: consuming ContactRowReader) { self.reader = Mutex(reader) }

    /// Up to `size` rows, fewer at the end of the file or when reading fails (the failure comes with the rows
    /// before it).
    func nextBatch(_ size: Int) -> (rows: [ContactRow], failure: ContactImportError?) {
        reader.withLock { reader in
            var rows: [ContactRow] = []
            rows.reserveCapacity(size)
            do throws(ContactImportError) {
                while rows.count < size, let row = try reader.next() { rows.append(row) }
            } catch {
                return (rows, error)
            }
            return (rows, nil)
        }
    }
}
