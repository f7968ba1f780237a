import CampaignCore
import Foundation
import Testing

@Suite("Every CSV cell a spreadsheet could run as a formula is neutralised; E.164 numbers stay as they are")
struct CSVInjectionTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("=1+2", "'=1+2"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=x", "\"'\r=x\""),
        ("+", "'+"),
        ("+1415 555 0100", "'+1415 555 0100"),
        ("+14155550100|", "'+14155550100|"),
        ("+14155550100||+14155550101", "'+14155550100||+14155550101"),
        ("+1234567890123456", "'+1234567890123456"),
        ("+14155550100|=1", "'+14155550100|=1"),
        ("-", "'-"),
    ])
    func formulaCellsGetAQuote(_ cell: String, _ written: String) {
        #expect(CallLogFormat.line(["1", cell, "2"]) == "1,\(written),2")
    }

    @Test(arguments: [
        "+14155550100", "+442071234567|+14155550100", "+1", "+123456789012345", "+14155550100|+14155550101|+1",
        "INTERESTED", "{NAME:=x}", "America/New_York", "2026-03-09T14:00:00Z", "a=b", "0", "'=quoted",
        "",
    ])
    func otherCellsStayAsTheyAre(_ cell: String) {
        #expect(CallLogFormat.line([cell]) == cell)
    }

    @Test func theCallLogNeutralisesADispositionAndKeepsItsNumbers() throws {
        let start = try #require(ISOTime.parse("2026-03-09T14:00:00Z"))
        let result = CallResult(
            startedAt: start.addingTimeInterval(2), answeredAt: start.addingTimeInterval(14),
            endedAt: start.addingTimeInterval(74), outcome: .answered, answeredBy: .human, turns: 4,
            disposition: "=cmd|' /C calc'!A0")
        let call = CallRecord(
            id: 1, orgId: 1, campaignId: 7, leadId: 2, attempt: 1, pass: 1, numberIndex: 0, to: "+14155550123",
            from: "+14155550100", contactTimezone: "America/New_York", queuedAt: start, result: result)
        let line = CallLogFormat.line(CallLogFormat.fields(call))
        #expect(line.contains(",+14155550123,+14155550100,America/New_York,"))
        #expect(line.contains(",'=cmd|' /C calc'!A0"))
    }
}
