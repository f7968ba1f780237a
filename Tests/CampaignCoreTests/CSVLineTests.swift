import CampaignCore
import Testing

@Suite("One CSV writer for every CSV the product writes")
struct CSVLineTests {
    @Test(arguments: [
        ("plain", "plain", "plain"),
        ("", "", ""),
        ("a,b", "\"a,b\"", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\"", "\"two\nlines\""),
        ("cr\r", "\"cr\r\"", "\"cr\r\""),
        (" padded ", " padded ", "\" padded \""),
        ("trailing ", "trailing ", "\"trailing \""),
        ("=1+2", "'=1+2", "'=1+2"),
        ("=\"x\"", "\"'=\"\"x\"\"\"", "\"'=\"\"x\"\"\""),
        ("+14155550100", "+14155550100", "+14155550100"),
        ("héllo, wörld", "\"héllo, wörld\"", "\"héllo, wörld\""),
    ])
    func aCellIsNeutralisedThenQuoted(_ text: String, _ plain: String, _ spaced: String) {
        #expect(CSVLine.cell(text) == plain)
        #expect(CSVLine.cell(text, quotingOuterSpaces: true) == spaced)
    }

    @Test func aLineJoinsItsCellsWithCommasAndNoLineEnd() {
        #expect(CSVLine.line(["1", "a,b", " x", "@y"]) == "1,\"a,b\", x,'@y")
        #expect(CSVLine.line(["1", "a,b", " x", "@y"], quotingOuterSpaces: true) == "1,\"a,b\",\" x\",'@y")
        #expect(CSVLine.line([]) == "")
    }

    @Test func everyQuoteIsDoubledEvenWhenAMarkCombinesWithIt() {
        #expect(CSVLine.cell("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
        #expect(CSVLine.cell("a\"\u{301}b", quotingOuterSpaces: true) == "\"a\"\"\u{301}b\"")
    }
}
