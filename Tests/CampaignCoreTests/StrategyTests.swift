import CampaignCore
import Foundation
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
    func noNumbersAtAllIsThePrimary(_ strategy: NumberStrategy) {
        #expect(numberIndices(strategy, count: 0) == [0, 0, 0, 0, 0, 0, 0])
    }

    /// SPEC §3 with primary A (0) and alternates B, C, D: attempts 1–7 for 0–3 alternates.
    @Test(arguments: [
        (NumberStrategy.rolling, 0, [0, 0, 0, 0, 0, 0, 0]),
        (.rolling, 1, [0, 1, 1, 1, 1, 1, 1]),
        (.rolling, 2, [0, 1, 2, 1, 2, 1, 2]),
        (.rolling, 3, [0, 1, 2, 3, 1, 2, 3]),
        (.clamp, 0, [0, 0, 0, 0, 0, 0, 0]),
        (.clamp, 1, [0, 1, 1, 1, 1, 1, 1]),
        (.clamp, 2, [0, 1, 2, 2, 2, 2, 2]),
        (.clamp, 3, [0, 1, 2, 3, 3, 3, 3]),
        (.custom, 0, [0, 0, 0, 0, 0, 0, 0]),
        (.custom, 1, [0, 1, 0, 0, 0, 0, 0]),
        (.custom, 2, [0, 1, 2, 0, 0, 0, 0]),
        (.custom, 3, [0, 1, 2, 3, 0, 0, 0]),
        (.sweep, 0, [0, 0, 0, 0, 0, 0, 0]),
        (.sweep, 1, [0, 1, 0, 1, 0, 1, 0]),
        (.sweep, 2, [0, 1, 2, 0, 1, 2, 0]),
        (.sweep, 3, [0, 1, 2, 3, 0, 1, 2]),
    ])
    func theTableOfSpecSection3(_ strategy: NumberStrategy, _ alternates: Int, _ expected: [Int]) {
        #expect(numberIndices(strategy, count: alternates + 1) == expected)
        for attempts in 1...7 {
            // For sweep `maxAttempts` counts passes, each of which dials every number once.
            let dials = strategy == .sweep ? attempts * (alternates + 1) : attempts
            #expect(
                dialledByTheRetryRules(strategy, numbers: alternates + 1, maxAttempts: attempts)
                    == numberIndices(strategy, count: alternates + 1, attempts: dials),
                "\(strategy), \(alternates) alternates, \(attempts) attempts")
        }
    }

    @Test func sweepDialsEveryNumberOncePerPass() {
        let passes = dialledPasses(.sweep, numbers: 3, maxAttempts: 3)
        #expect(passes == [1, 1, 1, 2, 2, 2, 3, 3, 3])
        #expect(dialledByTheRetryRules(.sweep, numbers: 3, maxAttempts: 3) == [0, 1, 2, 0, 1, 2, 0, 1, 2])
    }

    /// A stopped choice gives way to the strategy's next choice among live numbers, else its last live one.
    @Test(arguments: [
        (NumberStrategy.rolling, 4, Set([2]), [0, 1, 3, 3, 1, 3, 3]),
        (.rolling, 3, Set([1, 2]), [0, 0, 0, 0, 0, 0, 0]),
        (.rolling, 3, Set([0]), [1, 1, 2, 1, 2, 1, 2]),
        (.clamp, 3, Set([2]), [0, 1, 1, 1, 1, 1, 1]),
        (.clamp, 4, Set([1]), [0, 2, 2, 3, 3, 3, 3]),
        (.custom, 3, Set([0]), [1, 1, 2, 2, 2, 2, 2]),
        (.custom, 4, Set([2]), [0, 1, 3, 3, 0, 0, 0]),
        (.sweep, 3, Set([1]), [0, 2, 2, 0, 2, 2, 0]),
    ])
    func stoppedNumbersTakeTheStrategysNextLiveChoice(
        _ strategy: NumberStrategy, _ count: Int, _ stopped: Set<Int>, _ expected: [Int]
    ) {
        let dialled = (0..<7).map {
            strategy.liveNumberIndex(attemptIndex: $0, numberCount: count, stopped: stopped)
        }
        #expect(dialled == expected)
        #expect(strategy.liveNumberIndex(attemptIndex: 3, numberCount: count, stopped: Set(0..<count)) == nil)
    }
}

/// The numbers the retry rules pick when every call rings out, from the first dial until they stop.
private func dialledByTheRetryRules(_ strategy: NumberStrategy, numbers: Int, maxAttempts: Int) -> [Int] {
    dialsUntilTheRulesStop(strategy, numbers: numbers, maxAttempts: maxAttempts).map(\.index)
}

private func dialledPasses(_ strategy: NumberStrategy, numbers: Int, maxAttempts: Int) -> [Int] {
    dialsUntilTheRulesStop(strategy, numbers: numbers, maxAttempts: maxAttempts).map(\.pass)
}

private func dialsUntilTheRulesStop(
    _ strategy: NumberStrategy, numbers: Int, maxAttempts: Int
) -> [(index: Int, pass: Int)] {
    var settings = CampaignSettings(name: "Drive", agent: AgentProfile(name: "Zara"), numberPool: [a])
    settings.retry.numberStrategy = strategy
    settings.retry.maxAttempts = maxAttempts
    let ended = Date(timeIntervalSince1970: 1_773_064_800)
    let rangOut = CallResult(
        startedAt: ended.addingTimeInterval(-30), answeredAt: nil, endedAt: ended, outcome: .noAnswer,
        answeredBy: nil, turns: 0, disposition: nil, callbackAt: nil)
    var dialled = [(index: 0, pass: 1)]
    var progress = LeadProgress(attempts: 1, pass: 1, numberIndex: 0, numberCount: max(1, numbers))
    while dialled.count < 50 {
        let decision = RetryRules.decide(
            lead: progress, result: rangOut, settings: settings, agentAllowsCallbacks: false)
        guard decision.status == .pending else { break }
        dialled.append((decision.numberIndex, decision.pass))
        progress = LeadProgress(
            attempts: progress.attempts + 1, pass: decision.pass, numberIndex: decision.numberIndex,
            numberCount: progress.numberCount, stoppedNumbers: decision.stoppedNumbers)
    }
    return dialled
}
