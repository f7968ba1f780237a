import CampaignCore
import Foundation
import Testing

@Suite("The cost rule: connected time rounded up to the billing increment, × the rate per minute, in millionths")
struct CallCostTests {
    private static let start = Date(timeIntervalSince1970: 1_773_064_800)

    private static func result(
        _ outcome: CallOutcome, connected: Double = 0, by answeredBy: AnsweredBy? = .human
    ) -> CallResult {
        let answeredAt = outcome == .answered ? start.addingTimeInterval(10) : nil
        return CallResult(
            startedAt: start, answeredAt: answeredAt, endedAt: start.addingTimeInterval(10 + connected),
            outcome: outcome, answeredBy: outcome == .answered ? answeredBy : nil, turns: 4)
    }

    @Test(
        "billed seconds are whole increments, rounded up",
        arguments: [
            (0, 60, 0), (1, 60, 60), (60, 60, 60), (61, 60, 120), (59, 6, 60), (61, 6, 66), (61, 1, 61),
            (7, 0, 7), (-3, 60, 0),
        ])
    func increments(connected: Int, increment: Int, billed: Int) {
        #expect(CallCost.billedSeconds(connectedSeconds: connected, incrementSeconds: increment) == billed)
    }

    @Test("a zero-length answered call and an unanswered call bill nothing")
    func nothingConnectedBillsNothing() {
        let rate = CarrierRate(microsPerMinute: 12_000, incrementSeconds: 60)
        for result in [Self.result(.answered, connected: 0), Self.result(.noAnswer), Self.result(.busy)] {
            let cost = CallCost.of(connectedSeconds: result.connectedSeconds, rate: rate)
            #expect(cost.billedSeconds == 0 && cost.micros == 0, "\(result.outcome)")
        }
    }

    @Test("a call a machine answered is connected, so it bills like any other")
    func machineAnsweredBills() {
        let result = Self.result(.answered, connected: 25, by: .machine)
        let cost = CallCost.of(connectedSeconds: result.connectedSeconds, rate: CarrierRate(microsPerMinute: 12_000))
        #expect(cost == (60, 12_000))
    }

    @Test("per-second billing leaves fractions of a millionth: they round half up, exactly, with no floating point")
    func roundingToTheMillionth() {
        // 7 s at 0.01 per minute: 70,000 / 60 = 1,166.67 millionths → 1,167.
        #expect(CallCost.micros(billedSeconds: 7, microsPerMinute: 10_000) == 1_167)
        // 3 s at 0.000010 per minute: 30 / 60 = 0.5 → 1 (half up).
        #expect(CallCost.micros(billedSeconds: 3, microsPerMinute: 10) == 1)
        #expect(CallCost.micros(billedSeconds: 0, microsPerMinute: 10_000) == 0)
        #expect(CallCost.micros(billedSeconds: 90, microsPerMinute: 12_000) == 18_000)
    }

    @Test("a rate is read digit by digit as a decimal; anything else is no rate")
    func ratesParse() {
        #expect(CarrierRate(ratePerMinute: "0.0125")?.microsPerMinute == 12_500)
        #expect(CarrierRate(ratePerMinute: "2")?.microsPerMinute == 2_000_000)
        #expect(CarrierRate(ratePerMinute: ".5")?.microsPerMinute == 500_000)
        #expect(CarrierRate(ratePerMinute: "0.1000000")?.microsPerMinute == 100_000, "trailing zeros past 6 places")
        #expect(CarrierRate(ratePerMinute: "0.1")?.incrementSeconds == 60, "whole minutes unless told")
        #expect(CarrierRate(ratePerMinute: "0.1", incrementSeconds: 6)?.incrementSeconds == 6)
        for bad in ["", "-1", "1e3", "0.0000001", "abc", "1.2.3", "99999999"] {
            #expect(CarrierRate(ratePerMinute: bad) == nil, "\(bad)")
        }
    }

    @Test("millionths are written as exact decimals")
    func amountsAsText() {
        #expect(MicroAmount.text(12_500) == "0.0125")
        #expect(MicroAmount.text(2_000_000) == "2")
        #expect(MicroAmount.text(0) == "0")
        #expect(MicroAmount.text(1_234_567) == "1.234567")
    }

    @Test("a call counts on the UTC day it ended, and in the contact's local weekday and hour")
    func daysAndSlots() {
        // 2026-03-09T03:30:00Z: a Monday in UTC, still Sunday 23:30 in New York (EDT since March 8).
        let instant = Date(timeIntervalSince1970: 1_773_027_000)
        let result = CallResult(startedAt: instant, answeredAt: nil, endedAt: instant, outcome: .noAnswer)
        let contribution = CallContribution(
            result: result, reached: false, placedAt: instant, zone: TimeZone(identifier: "America/New_York")!)
        #expect(CallContribution.dateText(utcDay: contribution.utcDay) == "2026-03-09")
        #expect(contribution.slot == LocalSlot(weekday: .sun, hour: 23))
        #expect(contribution.slot.isoWeekday == 7 && LocalSlot(isoWeekday: 7, hour: 23) == contribution.slot)
        #expect(LocalSlot(isoWeekday: 8, hour: 0) == nil && LocalSlot(isoWeekday: 1, hour: 24) == nil)
    }

    @Test("reached: a human, not a short call, not a wrong number")
    func reachedFollowsTheRetryRules() {
        var policy = RetryPolicy()
        #expect(RetryRules.isReached(Self.result(.answered, connected: 60), policy: policy))
        #expect(!RetryRules.isReached(Self.result(.answered, connected: 60, by: .machine), policy: policy))
        #expect(RetryRules.isReached(Self.result(.answered, connected: 60, by: .unknown), policy: policy))
        var wrong = Self.result(.answered, connected: 60)
        wrong.disposition = "wrong_number"
        #expect(!RetryRules.isReached(wrong, policy: policy))
        policy.redialShortConnectSeconds = 15
        #expect(!RetryRules.isReached(Self.result(.answered, connected: 10), policy: policy))
        #expect(!RetryRules.isReached(Self.result(.noAnswer), policy: policy))
        var oneTurn = Self.result(.answered, connected: 60)
        oneTurn.turns = 1
        #expect(!RetryRules.isReached(oneTurn, policy: RetryPolicy()), "the short-call rule: one turn is not a talk")
    }
}
