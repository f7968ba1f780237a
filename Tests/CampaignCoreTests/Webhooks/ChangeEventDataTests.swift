import Foundation
import Testing

@testable import CampaignCore

@Suite("ChangeEventData: the SPEC §13 data of a change row")
struct ChangeEventDataTests {
    static let at = Date(timeIntervalSince1970: 1_772_550_000)

    @Test("a lead event carries campaignId, contactId and its sequence; a campaign event only campaignId")
    func leadAndCampaignEvents() {
        let lead = ChangeEventData.data(
            type: "campaign.lead.updated", campaignId: 7, eventId: 42, fields: ["leadId": "9", "status": "completed"])
        #expect(
            lead
                == .object([
                    "campaignId": .string("7"), "leadId": .string("9"), "contactId": .string("9"),
                    "status": .string("completed"), "sequence": .number(42),
                ]))
        let campaign = ChangeEventData.data(
            type: "campaign.status.changed", campaignId: 7, eventId: 43, fields: ["from": "draft", "to": "running"])
        #expect(campaign == .object(["campaignId": .string("7"), "from": .string("draft"), "to": .string("running")]))
    }

    @Test("call.ended carries the call-log row in snake_case (numbers as numbers, empty as null) and a null transcript")
    func callEnded() {
        let call = CallRecord(
            id: 5, orgId: 1, campaignId: 7, leadId: 9, attempt: 2, pass: 1, numberIndex: 0, to: "+12125550000",
            from: "+14155550100", contactTimezone: "America/New_York", queuedAt: Self.at,
            result: CallResult(
                startedAt: Self.at, answeredAt: nil, endedAt: Self.at.addingTimeInterval(30), outcome: .noAnswer,
                answeredBy: nil, turns: 0, disposition: nil, callbackAt: nil))
        let data = ChangeEventData.data(
            type: "call.ended", campaignId: 7, eventId: 50,
            fields: ["callId": "5", "leadId": "9", "outcome": "no_answer", "disposition": ""], call: call)
        guard case .object(let fields) = data else {
            Issue.record("not an object")
            return
        }
        #expect(fields["call_id"] == .number(5) && fields["contact_id"] == .number(9))
        #expect(fields["attempt"] == .number(2) && fields["outcome"] == .string("no_answer"))
        #expect(fields["answered_at"] == .null && fields["ended_at"] == .string("2026-03-03T15:00:30Z"))
        #expect(fields["transcript"] == .null && fields["sequence"] == .number(50))
        #expect(fields["contactId"] == .string("9") && fields["campaignId"] == .string("7"))
        #expect(Set(CallLogFormat.header).isSubset(of: Set(fields.keys)))
        let withTranscript = ChangeEventData.data(
            type: "call.ended", campaignId: 7, eventId: 50, fields: ["callId": "5", "leadId": "9"], call: call,
            transcript: "agent: Hi\ncallee: Hello")
        guard case .object(let reported) = withTranscript else { return }
        #expect(reported["transcript"] == .string("agent: Hi\ncallee: Hello"))
    }
}
