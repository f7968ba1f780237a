import Synchronization

/// Hands batches from one producing task to one consuming task, in order, with back-pressure: the producer may be
/// at most `capacity` batches ahead, then ``send(_:)`` waits until the consumer takes one. Memory is bounded by the
/// capacity whatever the speed of either side.
///
/// The producer ends with ``finish(throwing:)``; the consumer reads with ``next()`` until it returns `nil` (or
/// rethrows the producer's error), and calls ``cancel()`` when it stops early, which releases a waiting producer
/// and makes every later ``send(_:)`` return `false`.
///
/// ```swift
/// let handOver = BatchHandOver<[Int]>(capacity: 2)
/// Task { for chunk in [[1, 2], [3]] { guard await handOver.send(chunk) else { return } }; handOver.finish() }
/// while let chunk = try await handOver.next() { print(chunk) }
/// ```
public final class BatchHandOver<Element: Sendable>: Sendable {
    private struct State: ~Copyable {
        /// At most `capacity + 1` batches, so taking the first by shifting the rest costs nothing.
        var queue: [Element] = []
        var finished = false
        var cancelled = false
        var failure: (any Error)?
        var waitingConsumer: CheckedContinuation<Element?, any Error>?
        var waitingProducer: CheckedContinuation<Bool, Never>?
    }

    private enum SendStep {
        case delivered(CheckedContinuation<Element?, any Error>)
        case queued(mustWait: Bool)
        case refused
    }

    private enum NextStep {
        case element(Element, CheckedContinuation<Bool, Never>?)
        case failed(any Error)
        case ended
        case waiting
    }

    private let capacity: Int
    private let state = Mutex(State())

    /// Creates a hand-over that lets the producer be `capacity` (at least 1) batches ahead.
    public init(capacity: Int) { self.capacity = max(capacity, 1) }

    /// Passes `element` on; waits while the consumer is `capacity` batches behind. Returns `false` once the
    /// consumer has cancelled (the element is then dropped and the producer should stop).
    public func send(_ element: Element) async -> Bool {
        let step = state.withLock { state -> SendStep in
            if state.cancelled || state.finished { return .refused }
            if let consumer = state.waitingConsumer {
                state.waitingConsumer = nil
                return .delivered(consumer)
            }
            state.queue.append(element)
            return .queued(mustWait: state.queue.count > capacity)
        }
        switch step {
        case .refused:
            return false
        case .delivered(let consumer):
            consumer.resume(returning: element)
            return true
        case .queued(mustWait: false):
            return true
        case .queued(mustWait: true):
            return await withCheckedContinuation { producer in
                let goOn = state.withLock { state -> Bool? in
                    if state.cancelled { return false }
                    if state.queue.count <= capacity { return true }
                    state.waitingProducer = producer
                    return nil
                }
                if let goOn { producer.resume(returning: goOn) }
            }
        }
    }

    /// Ends the stream: the consumer gets the batches already sent, then `nil`, or `error` when one is given.
    public func finish(throwing error: (any Error)? = nil) {
        let consumer = state.withLock { state -> CheckedContinuation<Element?, any Error>? in
            guard !state.finished else { return nil }
            state.finished = true
            state.failure = error
            defer { state.waitingConsumer = nil }
            return state.waitingConsumer
        }
        if let error { consumer?.resume(throwing: error) } else { consumer?.resume(returning: nil) }
    }

    /// The next batch; `nil` after the last one; throws the error the producer finished with.
    public func next() async throws -> Element? {
        try await withCheckedThrowingContinuation { consumer in
            let step = state.withLock { state -> NextStep in
                if !state.queue.isEmpty {
                    let element = state.queue.removeFirst()
                    var producer: CheckedContinuation<Bool, Never>?
                    if state.queue.count <= capacity {
                        producer = state.waitingProducer
                        state.waitingProducer = nil
                    }
                    return .element(element, producer)
                }
                if let failure = state.failure { return .failed(failure) }
                if state.finished || state.cancelled { return .ended }
                state.waitingConsumer = consumer
                return .waiting
            }
            switch step {
            case .element(let element, let producer):
                producer?.resume(returning: true)
                consumer.resume(returning: element)
            case .failed(let error):
                consumer.resume(throwing: error)
            case .ended:
                consumer.resume(returning: nil)
            case .waiting:
                break
            }
        }
    }

    /// Stops the hand-over from the consumer's side: drops what is queued and releases a waiting producer, whose
    /// ``send(_:)`` returns `false`.
    public func cancel() {
        let producer = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            state.cancelled = true
            state.queue.removeAll()
            defer { state.waitingProducer = nil }
            return state.waitingProducer
        }
        producer?.resume(returning: false)
    }
}
