import CampaignCore
import Foundation
import Testing

private func utc(_ text: String) -> Date {
    ISOTime.parse(text)!
}

private func record(result: CallResult?, to: String = "+14155550123", zone: String = "America/New_York") -> CallRecord {
    CallRecord(
        id: 812, orgId: 1, campaignId: 7, leadId: 4021, attempt: 2, pass: 1, numberIndex: 1, to: to,
        from: "+14155550100", contactTimezone: zone, queuedAt: utc("2026-03-09T14:00:00Z"), result: result)
}

@Suite struct CallLogFormatTests {
    @Test func headerIsTheContractOrder() {
        let spec = """
            call_id, campaign_id, contact_id, attempt, pass, number_index, to, from,
            contact_timezone, queued_at, started_at, answered_at, ended_at, outcome, answered_by,
            duration_seconds, turns, disposition, connected_seconds, cost, run
            """
        let expected = spec.split(whereSeparator: { $0 == "," || $0 == "\n" }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        #expect(CallLogFormat.header == expected)
        #expect(
            CallLogFormat.line(CallLogFormat.header)
                == "call_id,campaign_id,contact_id,attempt,pass,number_index,to,from,contact_timezone,queued_at,"
                + "started_at,answered_at,ended_at,outcome,answered_by,duration_seconds,turns,disposition,"
                + "connected_seconds,cost,run")
    }

    @Test func aLiveCallHasEmptyEndFields() {
        let fields = CallLogFormat.fields(record(result: nil))
        #expect(fields.count == CallLogFormat.header.count)
        #expect(
            fields == [
                "812", "7", "4021", "2", "1", "1", "+14155550123", "+14155550100", "America/New_York",
                "2026-03-09T14:00:00Z", "", "", "", "", "", "", "", "", "", "", "1",
            ])
    }

    @Test func anAnsweredCall() {
        let result = CallResult(
            startedAt: utc("2026-03-09T14:00:02Z"), answeredAt: utc("2026-03-09T14:00:14Z"),
            endedAt: utc("2026-03-09T14:02:47Z"), outcome: .answered, answeredBy: .human, turns: 11,
            disposition: "INTERESTED")
        let fields = CallLogFormat.fields(record(result: result))
        #expect(fields.count == CallLogFormat.header.count)
        let row = Dictionary(uniqueKeysWithValues: zip(CallLogFormat.header, fields))
        #expect(row["queued_at"] == "2026-03-09T14:00:00Z")
        #expect(row["started_at"] == "2026-03-09T14:00:02Z")
        #expect(row["answered_at"] == "2026-03-09T14:00:14Z")
        #expect(row["ended_at"] == "2026-03-09T14:02:47Z")
        #expect(row["outcome"] == "answered")
        #expect(row["answered_by"] == "human")
        #expect(row["duration_seconds"] == "165")
        #expect(row["turns"] == "11")
        #expect(row["disposition"] == "INTERESTED")
        #expect(row["attempt"] == "2")
        #expect(row["number_index"] == "1")
        #expect(row["contact_timezone"] == "America/New_York")
        #expect(result.connectedSeconds == 153)
    }

    @Test func anUnansweredCallLeavesAnsweredFieldsEmpty() {
        let result = CallResult(
            startedAt: utc("2026-03-09T14:00:02Z"), answeredAt: nil, endedAt: utc("2026-03-09T14:00:32Z"),
            outcome: .noAnswer)
        let fields = CallLogFormat.fields(record(result: result))
        #expect(
            Array(fields[9...]) == [
                "2026-03-09T14:00:00Z", "2026-03-09T14:00:02Z", "", "2026-03-09T14:00:32Z", "no_answer", "", "30",
                "0", "", "0", "", "1",
            ])
        let neverLeft = CallResult(
            startedAt: nil, answeredAt: nil, endedAt: utc("2026-03-09T14:00:01Z"), outcome: .failed)
        let failed = CallLogFormat.fields(record(result: neverLeft))
        #expect(failed[10] == "")
        #expect(failed[13] == "failed")
        #expect(failed[15] == "0")
    }

    @Test func machineAndInvalidOutcomesUseTheirContractNames() {
        let machine = CallResult(
            startedAt: utc("2026-03-09T14:00:00Z"), answeredAt: utc("2026-03-09T14:00:05Z"),
            endedAt: utc("2026-03-09T14:00:35Z"), outcome: .answered, answeredBy: .machine, turns: 1,
            disposition: "VOICEMAIL")
        let fields = CallLogFormat.fields(record(result: machine))
        #expect(fields[13] == "answered" && fields[14] == "machine" && fields[17] == "VOICEMAIL")
        let invalid = CallResult(
            startedAt: nil, answeredAt: nil, endedAt: utc("2026-03-09T14:00:00Z"), outcome: .invalidNumber)
        #expect(CallLogFormat.fields(record(result: invalid))[13] == "invalid_number")
    }

    @Test(arguments: [
        (["a", "b", "c"], "a,b,c"),
        (["", "", ""], ",,"),
        (["one, two"], "\"one, two\""),
        (["say \"hi\""], "\"say \"\"hi\"\"\""),
        (["\""], "\"\"\"\""),
        (["line\nbreak"], "\"line\nbreak\""),
        (["carriage\rreturn"], "\"carriage\rreturn\""),
        (["crlf\r\n"], "\"crlf\r\n\""),
        ([" padded ", "semi;colon", "pipe|joined"], " padded ,semi;colon,pipe|joined"),
        (["x", "a,\"b\"\nc", "y"], "x,\"a,\"\"b\"\"\nc\",y"),
    ])
    func rfc4180Quoting(_ fields: [String], _ line: String) {
        #expect(CallLogFormat.line(fields) == line)
    }

    @Test func aDispositionWithACommaIsQuotedInTheLine() {
        let result = CallResult(
            startedAt: utc("2026-03-09T14:00:02Z"), answeredAt: utc("2026-03-09T14:00:14Z"),
            endedAt: utc("2026-03-09T14:01:14Z"), outcome: .answered, answeredBy: .human, turns: 4,
            disposition: "CALL LATER, \"MAYBE\"")
        let line = CallLogFormat.line(
            CallLogFormat.fields(record(result: result, zone: "America/New_York|America/Chicago")))
        #expect(line.hasPrefix("812,7,4021,2,1,1,+14155550123,+14155550100,America/New_York|America/Chicago,"))
        #expect(line.hasSuffix(",answered,human,72,4,\"CALL LATER, \"\"MAYBE\"\"\",60,,1"))
    }
}
