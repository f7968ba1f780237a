import CampaignCore
import Foundation
import Testing

@Suite("Call log: connected_seconds, cost and run after disposition")
struct CallLogRunColumnsTests {
    static func call(_ result: CallResult?, run: Int = 1, cost: Decimal? = nil) -> CallRecord {
        CallRecord(
            id: 9, orgId: 1, campaignId: 2, leadId: 3, attempt: 1, pass: 1, numberIndex: 0, to: "+14155550123",
            from: "+14155550100", contactTimezone: "America/New_York",
            queuedAt: Date(timeIntervalSince1970: 1_773_064_800), result: result, run: run, cost: cost)
    }

    static func row(_ call: CallRecord) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(CallLogFormat.header, CallLogFormat.fields(call)))
    }

    @Test func theNewColumnsComeAfterDispositionInContractOrder() throws {
        let header = CallLogFormat.header
        let disposition = try #require(header.firstIndex(of: "disposition"))
        #expect(Array(header[disposition...]) == ["disposition", "connected_seconds", "cost", "run"])
        #expect(header.count == 21)
    }

    @Test func connectedSecondsRunFromAnswerToEnd() {
        let start = Date(timeIntervalSince1970: 1_773_064_802)
        let answered = CallResult(
            startedAt: start, answeredAt: start.addingTimeInterval(12), endedAt: start.addingTimeInterval(165),
            outcome: .answered, answeredBy: .human, turns: 11, disposition: "INTERESTED")
        let row = Self.row(Self.call(answered, run: 3))
        #expect(row["connected_seconds"] == "153")
        #expect(row["duration_seconds"] == "165")
        #expect(row["cost"] == "", "empty while no carrier rate is known")
        #expect(row["run"] == "3")
    }

    @Test func anUnansweredCallIsConnectedZeroSecondsAndALiveCallHasNoFiguresYet() {
        let start = Date(timeIntervalSince1970: 1_773_064_802)
        let rang = CallResult(
            startedAt: start, answeredAt: nil, endedAt: start.addingTimeInterval(30), outcome: .noAnswer)
        #expect(Self.row(Self.call(rang))["connected_seconds"] == "0")
        let live = Self.row(Self.call(nil, run: 2))
        #expect(live["connected_seconds"] == "" && live["cost"] == "" && live["run"] == "2")
    }

    @Test func aKnownCostIsWrittenAsADecimal() {
        let start = Date(timeIntervalSince1970: 1_773_064_802)
        let rang = CallResult(
            startedAt: start, answeredAt: nil, endedAt: start.addingTimeInterval(30), outcome: .noAnswer)
        #expect(Self.row(Self.call(rang, cost: Decimal(string: "0.0125")))["cost"] == "0.0125")
    }
}
