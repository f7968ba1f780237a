import Synchronization
import Testing

@testable import ContactImport

@Suite struct BatchHandOverTests {
    /// Counts what was sent and taken, to check how far the producer ever got ahead.
    final class Ledger: Sendable {
        private let counts = Mutex((sent: 0, taken: 0, furthestAhead: 0))

        func sent() {
            counts.withLock {
                $0.sent += 1; $0.furthestAhead = max($0.furthestAhead, $0.sent - $0.taken)
            }
        }
        func taken() { counts.withLock { $0.taken += 1 } }
        var furthestAhead: Int { counts.withLock { $0.furthestAhead } }
    }

    @Test func everyBatchArrivesInOrderAndTheProducerStaysWithinItsCapacity() async throws {
        for seed in 1...20 {
            let capacity = seed % 3 + 1
            let handOver = BatchHandOver<[Int]>(capacity: capacity)
            let ledger = Ledger()
            let count = 50 + seed * 7
            let producer = Task {
                for value in 0..<count {
                    ledger.sent()
                    guard await handOver.send([value, value * 2]) else { return }
                    if value % (seed + 2) == 0 { await Task.yield() }
                }
                handOver.finish()
            }
            var received: [[Int]] = []
            while let batch = try await handOver.next() {
                ledger.taken()
                received.append(batch)
                if received.count % 3 == seed % 3 { await Task.yield() }
            }
            await producer.value
            #expect(received == (0..<count).map { [$0, $0 * 2] }, "seed \(seed)")
            // One batch may be in the producer's hands (counted as sent) beyond the queue's capacity.
            #expect(ledger.furthestAhead <= capacity + 2, "seed \(seed): \(ledger.furthestAhead) ahead")
        }
    }

    @Test func aWaitingProducerIsHeldUntilTheConsumerTakesABatch() async throws {
        let handOver = BatchHandOver<Int>(capacity: 1)
        let ledger = Ledger()
        let producer = Task {
            for value in 0..<5 {
                guard await handOver.send(value) else { return }
                ledger.sent()
            }
            handOver.finish()
        }
        for _ in 0..<50 { await Task.yield() }
        // Capacity 1: the first send returns, the second is queued beyond the capacity and waits.
        #expect(ledger.furthestAhead == 1)
        var received: [Int] = []
        while let value = try await handOver.next() { received.append(value) }
        await producer.value
        #expect(received == [0, 1, 2, 3, 4])
    }

    struct Broken: Error, Equatable {}

    @Test func theProducersErrorComesAfterTheBatchesSentBeforeIt() async throws {
        let handOver = BatchHandOver<Int>(capacity: 4)
        #expect(await handOver.send(1))
        #expect(await handOver.send(2))
        handOver.finish(throwing: Broken())
        #expect(await handOver.send(3) == false)
        #expect(try await handOver.next() == 1)
        #expect(try await handOver.next() == 2)
        await #expect(throws: Broken.self) { try await handOver.next() }
    }

    @Test func aConsumerThatWaitsGetsTheNextBatchOrTheEnd() async throws {
        let handOver = BatchHandOver<String>(capacity: 2)
        let consumer = Task { () -> [String] in
            var received: [String] = []
            while let value = try await handOver.next() { received.append(value) }
            return received
        }
        for _ in 0..<20 { await Task.yield() }
        #expect(await handOver.send("a"))
        for _ in 0..<20 { await Task.yield() }
        #expect(await handOver.send("b"))
        handOver.finish()
        #expect(try await consumer.value == ["a", "b"])
    }

    @Test func cancellingReleasesAWaitingProducerAndRefusesLaterBatches() async throws {
        let handOver = BatchHandOver<Int>(capacity: 1)
        let producer = Task { () -> [Bool] in
            var answers: [Bool] = []
            for value in 0..<4 { answers.append(await handOver.send(value)) }
            return answers
        }
        #expect(try await handOver.next() == 0)
        handOver.cancel()
        let answers = await producer.value
        #expect(answers.count == 4)
        #expect(answers.last == false)
        #expect(try await handOver.next() == nil)
    }
}
