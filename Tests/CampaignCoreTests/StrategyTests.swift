import CampaignCore
import Testing

private let pool = ["+14155550100", "+14155550101", "+14155550102"]
private let (a, b, c) = (pool[0], pool[1], pool[2])

private func callerIds(
    _ strategy: CallerIdStrategy, pool: [String] = pool, slots: [String] = [], contact: Int = 0, attempts: Int = 6
) -> [String] {
    (0..<attempts).map {
        strategy.callerId(pool: pool, slots: slots, attemptIndex: $0, contactOrdinal: contact)
    }
}

private func numberIndices(_ strategy: NumberStrategy, count: Int, attempts: Int = 7) -> [Int] {
    (0..<attempts).map { strategy.numberIndex(attemptIndex: $0, numberCount: count) }
}

@Suite struct StrategyTests {
    @Test func strategyNamesAreTheContractOnes() {
        #expect(CallerIdStrategy.allCases.map(\.rawValue) == ["rotate", "rolling", "clamp", "custom"])
        #expect(NumberStrategy.allCases.map(\.rawValue) == ["rolling", "clamp", "custom", "sweep"])
    }

    @Test func rotateStartsEachContactElsewhereAndMovesOnEachAttempt() {
        #expect(callerIds(.rotate, contact: 0) == [a, b, c, a, b, c])
        #expect(callerIds(.rotate, contact: 1) == [b, c, a, b, c, a])
        #expect(callerIds(.rotate, contact: 2) == [c, a, b, c, a, b])
        #expect(callerIds(.rotate, contact: 5) == [c, a, b, c, a, b])
        #expect(callerIds(.rotate, contact: 3_000_000_001, attempts: 2) == [b, c])
        let d = "+14155550103"
        #expect(callerIds(.rotate, pool: [a, b, c, d], contact: 1, attempts: 5) == [b, c, d, a, b])
        #expect(callerIds(.rotate, pool: [a, b, c, d], contact: 6, attempts: 3) == [c, d, a])
    }

    @Test func rotateSpreadsFirstAttemptsEvenlyAcrossThePool() {
        var uses: [String: Int] = [:]
        for contact in 0..<300 {
            uses[
                CallerIdStrategy.rotate.callerId(pool: pool, slots: [], attemptIndex: 0, contactOrdinal: contact),
                default: 0] += 1
        }
        #expect(uses == [a: 100, b: 100, c: 100])
    }

    @Test func rollingAlternatesByAttemptWhateverTheContact() {
        #expect(callerIds(.rolling, pool: [a, b], contact: 0) == [a, b, a, b, a, b])
        #expect(callerIds(.rolling, pool: [a, b], contact: 7) == [a, b, a, b, a, b])
        #expect(callerIds(.rolling, contact: 4) == [a, b, c, a, b, c])
    }

    @Test func clampGoesInOrderThenRepeatsTheLast() {
        #expect(callerIds(.clamp) == [a, b, c, c, c, c])
        #expect(callerIds(.clamp, pool: [a, b], contact: 9) == [a, b, b, b, b, b])
    }

    @Test func customUsesOneSlotPerAttemptThenRepeatsTheLast() {
        #expect(callerIds(.custom, slots: [c, a]) == [c, a, a, a, a, a])
        #expect(callerIds(.custom, slots: [b, b, c], contact: 4) == [b, b, c, c, c, c])
        #expect(callerIds(.custom, slots: [a]) == Array(repeating: a, count: 6))
    }

    @Test(arguments: CallerIdStrategy.allCases)
    func aPoolOfOneAlwaysGivesThatNumber(_ strategy: CallerIdStrategy) {
        #expect(callerIds(strategy, pool: [a], slots: [a], contact: 3) == Array(repeating: a, count: 6))
    }

    @Test(arguments: NumberStrategy.allCases)
    func oneNumberIsAlwaysThePrimary(_ strategy: NumberStrategy) {
        #expect(numberIndices(strategy, count: 1) == [0, 0, 0, 0, 0, 0, 0])
        #expect(numberIndices(strategy, count: 0) == [0, 0, 0, 0, 0, 0, 0])
    }

    @Test(arguments: [
        (NumberStrategy.rolling, [0, 1, 0, 1, 0, 1, 0]),
        (.clamp, [0, 1, 1, 1, 1, 1, 1]),
        (.custom, [0, 1, 0, 0, 0, 0, 0]),
        (.sweep, [0, 1, 0, 1, 0, 1, 0]),
    ])
    func twoNumbers(_ strategy: NumberStrategy, _ expected: [Int]) {
        #expect(numberIndices(strategy, count: 2) == expected)
    }

    @Test(arguments: [
        (NumberStrategy.rolling, [0, 1, 2, 0, 1, 2, 0]),
        (.clamp, [0, 1, 2, 2, 2, 2, 2]),
        (.custom, [0, 1, 2, 0, 0, 0, 0]),
        (.sweep, [0, 1, 2, 0, 1, 2, 0]),
    ])
    func threeNumbers(_ strategy: NumberStrategy, _ expected: [Int]) {
        #expect(numberIndices(strategy, count: 3) == expected)
    }
}
