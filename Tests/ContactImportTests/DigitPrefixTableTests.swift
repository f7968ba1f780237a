import Testing

@testable import ContactImport

@Suite struct DigitPrefixTableTests {
    static func table(_ entries: [String: Int]) -> DigitPrefixTable {
        var table = DigitPrefixTable()
        for (key, value) in entries { table.insert(key.utf8, value: value) }
        return table
    }

    @Test func findsTheLongestKeyThatStartsTheDigits() {
        let table = Self.table(["1": 0, "1208": 1, "12083": 2, "44": 3])
        #expect(table.longestPrefixValue("12083201234".utf8) == 2)
        #expect(table.longestPrefixValue("12089".utf8) == 1)
        #expect(table.longestPrefixValue("1415".utf8) == 0)
        #expect(table.longestPrefixValue("4420".utf8) == 3)
        #expect(table.longestPrefixValue("4".utf8) == nil)
        #expect(table.longestPrefixValue("".utf8) == nil)
        #expect(table.longestPrefixValue("33".utf8) == nil)
    }

    @Test func keysShorterThanTheMinimumDoNotCount() {
        let table = Self.table(["8": 0, "88": 1])
        #expect(table.longestPrefixValue("882".utf8, minimumLength: 2) == 1)
        #expect(table.longestPrefixValue("870".utf8, minimumLength: 2) == nil)
        #expect(table.longestPrefixValue("870".utf8) == 0)
    }

    @Test func leadingZerosAreDigitsLikeAnyOther() {
        let table = Self.table(["0": 0, "00": 1])
        #expect(table.longestPrefixValue("01".utf8) == 0)
        #expect(table.longestPrefixValue("001".utf8) == 1)
    }
}
