import CampaignCore
import Foundation
import Testing

private let endedAt = Date(timeIntervalSince1970: 1_773_064_800)
private let minute: TimeInterval = 60

/// A call that ended at `endedAt` after `talk` connected seconds (answered calls) and 20 s of ringing.
private func call(
    _ outcome: CallOutcome, by answeredBy: AnsweredBy? = nil, turns: Int = 0, talk: Int = 0,
    disposition: String? = nil, callbackAt: Date? = nil
) -> CallResult {
    let answered = outcome == .answered ? endedAt.addingTimeInterval(-Double(talk)) : nil
    return CallResult(
        startedAt: endedAt.addingTimeInterval(-Double(talk) - 20), answeredAt: answered, endedAt: endedAt,
        outcome: outcome, answeredBy: answeredBy, turns: turns, disposition: disposition, callbackAt: callbackAt)
}

/// A real conversation with a person: several turns, a minute and a half.
private func human(_ disposition: String?, turns: Int = 6, talk: Int = 90, callbackAt: Date? = nil) -> CallResult {
    call(.answered, by: .human, turns: turns, talk: talk, disposition: disposition, callbackAt: callbackAt)
}

private func settings(_ configure: (inout CampaignSettings) -> Void = { _ in }) -> CampaignSettings {
    var settings = CampaignSettings(name: "Drive", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100"])
    configure(&settings)
    return settings
}

private func lead(
    attempts: Int = 1, pass: Int = 1, index: Int = 0, numbers: Int = 1, stopped: Set<Int> = [], callbacks: Int = 0
) -> LeadProgress {
    LeadProgress(
        attempts: attempts, pass: pass, numberIndex: index, numberCount: numbers, stoppedNumbers: stopped,
        callbacks: callbacks)
}

private func decide(
    _ lead: LeadProgress, _ result: CallResult, _ settings: CampaignSettings = settings(), agentCallbacks: Bool = true
) -> LeadDecision {
    RetryRules.decide(lead: lead, result: result, settings: settings, agentAllowsCallbacks: agentCallbacks)
}

/// One call and the key `retry.on` must see for it.
struct KeyCase: Sendable, CustomTestStringConvertible {
    let label: String
    let result: CallResult
    let shortCallRule: Bool
    let redialShortConnectSeconds: Int?
    let key: String

    init(_ label: String, _ result: CallResult, shortCallRule: Bool = true, redialShort: Int? = nil, key: String) {
        self.label = label
        self.result = result
        self.shortCallRule = shortCallRule
        self.redialShortConnectSeconds = redialShort
        self.key = key
    }

    var testDescription: String { "\(label) → \(key)" }
}

private let keyCases: [KeyCase] = [
    KeyCase("machine", call(.answered, by: .machine, turns: 1, talk: 20), key: "voicemail"),
    KeyCase(
        "machine with a disposition", call(.answered, by: .machine, turns: 8, talk: 60, disposition: "INTERESTED"),
        key: "voicemail"),
    KeyCase("one turn", human("INTERESTED", turns: 1), key: "no_answer"),
    KeyCase("no turn", human(nil, turns: 0), key: "no_answer"),
    KeyCase("two turns", human("INTERESTED", turns: 2), key: "interested"),
    KeyCase("one turn, rule off", human("INTERESTED", turns: 1), shortCallRule: false, key: "interested"),
    KeyCase("short connect", human("NOT_INTERESTED", talk: 9), redialShort: 10, key: "no_answer"),
    KeyCase("connect exactly the limit", human("NOT_INTERESTED", talk: 10), redialShort: 10, key: "not_interested"),
    KeyCase("short connect rule off", human("NOT_INTERESTED", talk: 9), key: "not_interested"),
    KeyCase("no disposition", human(nil), key: "completed"),
    KeyCase("empty disposition", human(""), key: "completed"),
    KeyCase("upper-case disposition", human("NOT_INTERESTED"), key: "not_interested"),
    KeyCase("custom disposition", human("Sent_Brochure"), key: "sent_brochure"),
    KeyCase("CALLBACK", human("CALLBACK"), key: "callback_requested"),
    KeyCase("callback in lower case", human("callback"), key: "callback_requested"),
    KeyCase("OPT_OUT", human("OPT_OUT"), key: "opt_out"),
    KeyCase("rang out", call(.noAnswer), key: "no_answer"),
    KeyCase("busy", call(.busy), key: "busy"),
    KeyCase("rejected", call(.rejected), key: "rejected"),
    KeyCase("failed", call(.failed), key: "failed"),
    KeyCase("timeout", call(.timeout), key: "timeout"),
    KeyCase("cancelled", call(.cancelled), key: "cancelled"),
    KeyCase("invalid number", call(.invalidNumber), key: "invalid_number"),
    KeyCase("interrupted", call(.interrupted), key: "failed"),
]

/// Strategy, attempts made so far, stopped numbers, and the index the next attempt must dial (3 numbers: the primary
/// and two alternates). A stopped choice gives way to the strategy's next live choice, else its last live one.
private let indexCases: [(NumberStrategy, Int, Set<Int>, Int)] = [
    (.rolling, 1, [], 1), (.rolling, 2, [], 2), (.rolling, 3, [], 1), (.rolling, 4, [], 2), (.rolling, 1, [1], 2),
    (.rolling, 2, [2], 1), (.rolling, 4, [0, 1], 2), (.rolling, 3, [1, 2], 0),
    (.clamp, 1, [], 1), (.clamp, 2, [], 2), (.clamp, 5, [], 2), (.clamp, 1, [1], 2), (.clamp, 5, [0], 2),
    (.clamp, 3, [2], 1), (.clamp, 3, [1, 2], 0),
    (.custom, 1, [], 1), (.custom, 2, [], 2), (.custom, 3, [], 0), (.custom, 6, [], 0), (.custom, 1, [1], 2),
    (.custom, 4, [0], 2), (.custom, 4, [0, 2], 1),
]

@Suite struct RetryRulesTests {
    @Test func aCallTheEngineCancelledIsRetriedWhateverRetryOnSaysWhileAttemptsRemain() {
        let strict = settings {
            $0.retry.on = []; $0.retry.maxAttempts = 3; $0.retry.delayMinutes = 10
        }
        let again = decide(lead(attempts: 1), call(.cancelled), strict)
        #expect(again.status == .pending && again.nextAt == endedAt.addingTimeInterval(10 * minute))
        #expect(again.retryKey == "cancelled" && !again.reached)
        let spent = decide(lead(attempts: 3), call(.cancelled), strict)
        #expect(spent.status == .failed && spent.nextAt == nil, "the cancelled call counted as an attempt")
        let busy = decide(lead(attempts: 1), call(.busy), strict)
        #expect(busy.status == .failed, "other outcomes still follow retry.on")
    }

    @Test(arguments: keyCases)
    func retryKeys(_ entry: KeyCase) {
        var policy = RetryPolicy()
        policy.shortCallRule = entry.shortCallRule
        policy.redialShortConnectSeconds = entry.redialShortConnectSeconds
        #expect(RetryRules.retryKey(for: entry.result, policy: policy) == entry.key)
        let settings = settings { $0.retry = policy }
        #expect(decide(lead(), entry.result, settings).retryKey == entry.key)
    }

    @Test func maxAttemptsCountsTheFirstDial() {
        let rangOut = call(.noAnswer)
        let first = decide(lead(attempts: 1), rangOut)
        #expect(first.status == .pending)
        #expect(first.nextAt == endedAt.addingTimeInterval(30 * minute))
        #expect(first.priority == 0)
        #expect(!first.reached)
        #expect(decide(lead(attempts: 2), rangOut).status == .pending)
        let third = decide(lead(attempts: 3), rangOut)
        #expect(third.status == .failed)
        #expect(third.nextAt == nil)
        let single = settings { $0.retry.maxAttempts = 1 }
        #expect(decide(lead(attempts: 1), rangOut, single).status == .failed)
    }

    @Test(arguments: [0, 1, 30, 90, 1440])
    func theDelayIsApplied(_ minutes: Int) {
        let decision = decide(lead(), call(.busy), settings { $0.retry.delayMinutes = minutes })
        #expect(decision.status == .pending)
        #expect(decision.nextAt == endedAt.addingTimeInterval(Double(minutes) * minute))
    }

    @Test(arguments: ["no_answer", "busy", "failed", "timeout"])
    func defaultRetryOnRedials(_ key: String) {
        let outcome = CallOutcome(rawValue: key)!
        #expect(decide(lead(), call(outcome)).status == .pending)
    }

    @Test(arguments: [CallOutcome.rejected])
    func outcomesNotInRetryOnEndTheLead(_ outcome: CallOutcome) {
        let decision = decide(lead(), call(outcome))
        #expect(decision.status == .failed)
        #expect(decision.nextAt == nil)
        let withIt = settings { $0.retry.on.insert(outcome.rawValue) }
        #expect(decide(lead(), call(outcome), withIt).status == .pending)
    }

    @Test func voicemailRedialsOnlyWhenListed() {
        let machine = call(.answered, by: .machine, turns: 2, talk: 25)
        let decision = decide(lead(), machine)
        #expect(decision.status == .failed)
        #expect(!decision.reached)
        #expect(decide(lead(), machine, settings { $0.retry.on.insert("voicemail") }).status == .pending)
    }

    @Test func theShortCallRuleRedialsAOneTurnCall() {
        let decision = decide(lead(), human("INTERESTED", turns: 1))
        #expect(decision.status == .pending)
        #expect(decision.retryKey == "no_answer")
        #expect(!decision.reached)
        let off = settings { $0.retry.shortCallRule = false }
        let kept = decide(lead(), human("INTERESTED", turns: 1), off)
        #expect(kept.status == .completed)
        #expect(kept.reached)
    }

    @Test func aShortConnectRedials() {
        let policy = settings { $0.retry.redialShortConnectSeconds = 15 }
        let short = decide(lead(), human("NOT_INTERESTED", talk: 14), policy)
        #expect(short.status == .pending)
        #expect(!short.reached)
        let long = decide(lead(), human("NOT_INTERESTED", talk: 15), policy)
        #expect(long.status == .completed)
        #expect(long.reached)
    }

    @Test func aConversationCompletesTheLead() {
        for disposition in ["INTERESTED", "NOT_INTERESTED", "COMPLETED", "CUSTOM_THING"] {
            let decision = decide(lead(numbers: 3), human(disposition))
            #expect(decision.status == .completed, "\(disposition)")
            #expect(decision.reached)
            #expect(decision.nextAt == nil)
            #expect(!decision.optOutNumber)
            #expect(decision.stoppedNumbers.isEmpty)
        }
    }

    @Test func businessDispositionsInRetryOnRedial() {
        let policy = settings { $0.retry.on = ["not_interested", "sent_brochure"] }
        let notInterested = decide(lead(), human("NOT_INTERESTED"), policy)
        #expect(notInterested.status == .pending)
        #expect(notInterested.reached)
        #expect(notInterested.nextAt == endedAt.addingTimeInterval(30 * minute))
        #expect(decide(lead(), human("Sent_Brochure"), policy).status == .pending)
        #expect(decide(lead(), human("INTERESTED"), policy).status == .completed)
        #expect(decide(lead(), call(.busy), policy).status == .failed)
        #expect(decide(lead(attempts: 3), human("NOT_INTERESTED"), policy).status == .completed)
    }

    @Test func stopAfterConnectCancelsRedials() {
        let policy = settings {
            $0.retry.on = ["not_interested"]
            $0.retry.stopAfterConnectSeconds = 30
        }
        let long = decide(lead(), human("NOT_INTERESTED", talk: 31), policy)
        #expect(long.status == .completed)
        #expect(long.nextAt == nil)
        let atTheLimit = decide(lead(), human("NOT_INTERESTED", talk: 30), policy)
        #expect(atTheLimit.status == .pending)
        let machine = call(.answered, by: .machine, turns: 4, talk: 60)
        let voicemail = settings {
            $0.retry.on = ["voicemail"]
            $0.retry.stopAfterConnectSeconds = 30
        }
        #expect(decide(lead(), machine, voicemail).status == .pending)
    }

    @Test(arguments: ["OPT_OUT", "opt_out"])
    func optOutStopsTheNumberAndCompletes(_ disposition: String) {
        let everything = settings { $0.retry.on = ["opt_out", "no_answer", "busy"] }
        let decision = decide(lead(attempts: 1, index: 1, numbers: 3), human(disposition), everything)
        #expect(decision.status == .completed)
        #expect(decision.optOutNumber)
        #expect(decision.stoppedNumbers == [1])
        #expect(decision.nextAt == nil)
        let shortOptOut = decide(lead(), human(disposition, turns: 1))
        #expect(shortOptOut.optOutNumber)
        #expect(shortOptOut.status == .completed)
    }

    @Test func onlyOptOutPutsTheNumberOnTheList() {
        for disposition in StandardDisposition.allCases where disposition != .optOut {
            #expect(!decide(lead(), human(disposition.rawValue)).optOutNumber, "\(disposition)")
        }
        for outcome in CallOutcome.allCases where outcome != .answered {
            #expect(!decide(lead(), call(outcome)).optOutNumber, "\(outcome)")
        }
    }

    @Test func wrongNumberMovesToAnAlternate() {
        let decision = decide(lead(attempts: 1, index: 0, numbers: 2), human("WRONG_NUMBER"))
        #expect(decision.status == .pending)
        #expect(decision.numberIndex == 1)
        #expect(decision.stoppedNumbers == [0])
        #expect(!decision.reached)
        #expect(!decision.optOutNumber)
        #expect(decision.nextAt == endedAt.addingTimeInterval(30 * minute))
        let skipping = decide(lead(attempts: 1, index: 0, numbers: 3, stopped: [1]), human("WRONG_NUMBER"))
        #expect(skipping.numberIndex == 2)
        #expect(skipping.stoppedNumbers == [0, 1])
    }

    @Test func wrongNumberFailsWhenNoNumberIsLeft() {
        let single = decide(lead(numbers: 1), human("WRONG_NUMBER"))
        #expect(single.status == .failed)
        #expect(single.stoppedNumbers == [0])
        #expect(single.nextAt == nil)
        let allStopped = decide(lead(index: 0, numbers: 2, stopped: [1]), human("WRONG_NUMBER"))
        #expect(allStopped.status == .failed)
        #expect(allStopped.stoppedNumbers == [0, 1])
        let noAttemptsLeft = decide(lead(attempts: 3, index: 0, numbers: 2), human("WRONG_NUMBER"))
        #expect(noAttemptsLeft.status == .failed)
    }

    @Test func invalidNumberStopsTheNumber() {
        let moved = decide(lead(attempts: 1, index: 0, numbers: 2), call(.invalidNumber))
        #expect(moved.status == .pending)
        #expect(moved.numberIndex == 1)
        #expect(moved.stoppedNumbers == [0])
        #expect(moved.retryKey == "invalid_number")
        let single = decide(lead(), call(.invalidNumber))
        #expect(single.status == .failed)
        #expect(single.stoppedNumbers == [0])
    }

    @Test func stoppedNumbersAreCarriedForward() {
        let decision = decide(lead(attempts: 1, index: 0, numbers: 3, stopped: [2]), call(.noAnswer))
        #expect(decision.stoppedNumbers == [2])
        #expect(decision.numberIndex == 1)
    }

    @Test func aCallbackIsScheduledWhenBothSwitchesAreOn() {
        let at = endedAt.addingTimeInterval(2 * 3600)
        let detection = settings { $0.callbackDetection = true }
        let decision = decide(lead(attempts: 1, index: 1, numbers: 2), human("CALLBACK", callbackAt: at), detection)
        #expect(decision.status == .pending)
        #expect(decision.nextAt == at)
        #expect(decision.priority == 1)
        #expect(decision.callbacks == 1)
        #expect(decision.numberIndex == 1)
        #expect(decision.reached)
        #expect(decision.retryKey == "callback_requested")

        #expect(decide(lead(), human("CALLBACK", callbackAt: at), detection, agentCallbacks: false).priority == 0)
        #expect(decide(lead(), human("CALLBACK", callbackAt: at), settings(), agentCallbacks: true).priority == 0)
        #expect(decide(lead(), human("CALLBACK", callbackAt: at), settings(), agentCallbacks: false).priority == 0)
        let withoutTime = decide(lead(), human("CALLBACK"), detection)
        #expect(withoutTime.priority == 0)
        #expect(withoutTime.status == .completed)
    }

    @Test func aCallbackNotScheduledFollowsTheRetryRules() {
        let at = endedAt.addingTimeInterval(2 * 3600)
        let off = decide(lead(), human("CALLBACK", callbackAt: at))
        #expect(off.status == .completed)
        #expect(off.nextAt == nil)
        let listed = settings { $0.retry.on = ["callback_requested"] }
        let redial = decide(lead(), human("CALLBACK", callbackAt: at), listed)
        #expect(redial.status == .pending)
        #expect(redial.priority == 0)
        #expect(redial.nextAt == endedAt.addingTimeInterval(30 * minute))
    }

    @Test func callbacksAreCapped() {
        let at = endedAt.addingTimeInterval(3600)
        let detection = settings { $0.callbackDetection = true }
        let last = decide(
            lead(callbacks: RetryRules.maximumCallbacks - 1), human("CALLBACK", callbackAt: at), detection)
        #expect(last.priority == 1)
        #expect(last.callbacks == RetryRules.maximumCallbacks)
        let over = decide(lead(callbacks: RetryRules.maximumCallbacks), human("CALLBACK", callbackAt: at), detection)
        #expect(over.priority == 0)
        #expect(over.status == .completed)
        #expect(over.callbacks == RetryRules.maximumCallbacks)
        #expect(RetryRules.maximumCallbacks >= 1)
    }

    @Test func aCallbackInThePastIsDueNow() {
        let detection = settings { $0.callbackDetection = true }
        let decision = decide(lead(), human("CALLBACK", callbackAt: endedAt.addingTimeInterval(-86_400)), detection)
        #expect(decision.nextAt == endedAt)
        #expect(decision.priority == 1)
    }

    @Test func aCallbackOnAStoppedNumberIsNotScheduled() {
        let detection = settings { $0.callbackDetection = true }
        let decision = decide(
            lead(index: 0, numbers: 2, stopped: [0]), human("CALLBACK", callbackAt: endedAt.addingTimeInterval(600)),
            detection)
        #expect(decision.priority == 0)
    }

    @Test func sweepDialsTheNextNumberAtOnceWithinAPass() {
        let sweep = settings {
            $0.retry.numberStrategy = .sweep
            $0.retry.maxAttempts = 2
        }
        let first = decide(lead(attempts: 1, pass: 1, index: 0, numbers: 3), call(.noAnswer), sweep)
        #expect(first.status == .pending)
        #expect(first.numberIndex == 1)
        #expect(first.pass == 1)
        #expect(first.nextAt == endedAt)
        let second = decide(lead(attempts: 2, pass: 1, index: 1, numbers: 3), call(.busy), sweep)
        #expect(second.numberIndex == 2)
        #expect(second.pass == 1)
        #expect(second.nextAt == endedAt)
    }

    @Test func sweepStartsTheNextPassAfterTheDelay() {
        let sweep = settings {
            $0.retry.numberStrategy = .sweep
            $0.retry.maxAttempts = 2
            $0.retry.delayMinutes = 45
        }
        let wrap = decide(lead(attempts: 3, pass: 1, index: 2, numbers: 3), call(.noAnswer), sweep)
        #expect(wrap.status == .pending)
        #expect(wrap.numberIndex == 0)
        #expect(wrap.pass == 2)
        #expect(wrap.nextAt == endedAt.addingTimeInterval(45 * minute))
        let inPassTwo = decide(lead(attempts: 4, pass: 2, index: 0, numbers: 3), call(.noAnswer), sweep)
        #expect(inPassTwo.numberIndex == 1)
        #expect(inPassTwo.pass == 2)
        #expect(inPassTwo.nextAt == endedAt)
        let done = decide(lead(attempts: 6, pass: 2, index: 2, numbers: 3), call(.noAnswer), sweep)
        #expect(done.status == .failed)
        #expect(done.nextAt == nil)
    }

    @Test(arguments: [1, 2, 3, 5])
    func sweepMakesAtMostMaxAttemptsPasses(_ passes: Int) {
        let sweep = settings {
            $0.retry.numberStrategy = .sweep
            $0.retry.maxAttempts = passes
            $0.retry.delayMinutes = 10
        }
        var progress = lead(attempts: 1, pass: 1, index: 0, numbers: 2)
        var dialled: [String] = ["1:0"]
        while true {
            let decision = decide(progress, call(.noAnswer), sweep)
            guard decision.status == .pending else { break }
            progress = lead(
                attempts: progress.attempts + 1, pass: decision.pass, index: decision.numberIndex, numbers: 2)
            dialled.append("\(decision.pass):\(decision.numberIndex)")
            if dialled.count > 20 { break }
        }
        let expected = (1...passes).flatMap { ["\($0):0", "\($0):1"] }
        #expect(dialled == expected)
    }

    @Test func sweepSkipsStoppedNumbers() {
        let sweep = settings { $0.retry.numberStrategy = .sweep }
        let decision = decide(lead(attempts: 1, pass: 1, index: 0, numbers: 3, stopped: [1]), call(.noAnswer), sweep)
        #expect(decision.numberIndex == 2)
        #expect(decision.pass == 1)
        let wrap = decide(lead(attempts: 2, pass: 1, index: 2, numbers: 3, stopped: [0]), call(.noAnswer), sweep)
        #expect(wrap.numberIndex == 1)
        #expect(wrap.pass == 2)
        let wrongInSweep = decide(lead(attempts: 1, pass: 1, index: 0, numbers: 2), human("WRONG_NUMBER"), sweep)
        #expect(wrongInSweep.numberIndex == 1)
        #expect(wrongInSweep.nextAt == endedAt)
        #expect(wrongInSweep.stoppedNumbers == [0])
    }

    @Test(arguments: indexCases)
    func numberIndicesSkipStoppedNumbers(_ strategy: NumberStrategy, _ attempts: Int, _ stopped: Set<Int>, _ index: Int)
    {
        let policy = settings {
            $0.retry.numberStrategy = strategy
            $0.retry.maxAttempts = 10
        }
        let decision = decide(lead(attempts: attempts, index: 0, numbers: 3, stopped: stopped), call(.noAnswer), policy)
        #expect(decision.status == .pending)
        #expect(decision.numberIndex == index)
        #expect(!stopped.contains(decision.numberIndex))
        #expect(decision.pass == 1)
    }

    @Test(arguments: [NumberStrategy.rolling, .clamp, .custom])
    func numberStrategiesNeverPickAStoppedNumber(_ strategy: NumberStrategy) {
        let policy = settings {
            $0.retry.numberStrategy = strategy
            $0.retry.maxAttempts = 50
        }
        for count in 1...4 {
            for mask in 0..<(1 << count) {
                let stopped = Set((0..<count).filter { mask & (1 << $0) != 0 })
                for attempts in 1..<12 {
                    let decision = decide(
                        lead(attempts: attempts, numbers: count, stopped: stopped), call(.busy), policy)
                    if stopped.count == count {
                        #expect(decision.status == .failed)
                    } else {
                        #expect(decision.status == .pending)
                        #expect((0..<count).contains(decision.numberIndex))
                        #expect(!stopped.contains(decision.numberIndex), "\(strategy) \(count) \(stopped) \(attempts)")
                    }
                }
            }
        }
    }

    @Test func replacementNumber() {
        var policy = RetryPolicy()
        func replacement(_ lead: LeadProgress, _ stopped: Set<Int>) -> [Int]? {
            RetryRules.replacementNumber(lead: lead, stopped: stopped, policy: policy).map { [$0.index, $0.pass] }
        }
        #expect(replacement(lead(attempts: 1, numbers: 3), [1]) == [2, 1])
        #expect(replacement(lead(attempts: 2, numbers: 3), [2]) == [1, 1])
        #expect(replacement(lead(attempts: 2, numbers: 3), [1, 2]) == [0, 1])
        #expect(replacement(lead(attempts: 1, numbers: 3), []) == [1, 1])
        #expect(replacement(lead(attempts: 1, numbers: 3), [0, 1, 2]) == nil)
        #expect(replacement(lead(attempts: 0, numbers: 1), [0]) == nil)
        #expect(replacement(lead(attempts: 0, numbers: 0), []) == [0, 1])
        policy.numberStrategy = .clamp
        #expect(replacement(lead(attempts: 5, numbers: 3), [1]) == [2, 1])
        policy.numberStrategy = .sweep
        #expect(replacement(lead(attempts: 4, pass: 2, index: 1, numbers: 3), [1]) == [2, 2])
        #expect(replacement(lead(attempts: 4, index: 0, numbers: 3), [0, 1]) == [2, 1])
    }

    /// Seed 86 of the property test: the last number of a sweep pass opted out before its dial, and the lead went
    /// back to its first number in the same pass, without the retry delay. It takes the first number in the next
    /// pass, or ends when the passes are used up.
    @Test func aSweepWhoseLastNumberIsStoppedMovesToTheNextPass() {
        var policy = RetryPolicy()
        policy.numberStrategy = .sweep
        policy.maxAttempts = 3
        let replacement = { (pass: Int, stopped: Set<Int>) in
            RetryRules.replacementNumber(
                lead: lead(attempts: 5, pass: pass, index: 2, numbers: 3, stopped: stopped), stopped: stopped,
                policy: policy
            ).map { [$0.index, $0.pass] }
        }
        #expect(replacement(2, [2]) == [0, 3])
        #expect(replacement(2, [0, 2]) == [1, 3])
        #expect(replacement(3, [2]) == nil)
    }

    @Test(arguments: [AnsweredBy?.none, .unknown, .human])
    func anAnsweredCallNotFromAMachineReachesAPerson(_ answeredBy: AnsweredBy?) {
        let settings = settings { $0.retry.stopAfterConnectSeconds = 30 }
        let decision = decide(lead(), call(.answered, by: answeredBy, turns: 6, talk: 90), settings)
        #expect(decision.reached)
        #expect(decision.status == .completed)
        let machine = decide(lead(), call(.answered, by: .machine, turns: 6, talk: 90), settings)
        #expect(!machine.reached)
    }

    @Test func theDecisionKeepsThePassAndCallbacksWhenItStops() {
        let decision = decide(lead(attempts: 3, pass: 1, index: 2, numbers: 3, callbacks: 2), call(.noAnswer))
        #expect(decision.status == .failed)
        #expect(decision.pass == 1)
        #expect(decision.numberIndex == 2)
        #expect(decision.callbacks == 2)
    }
}
