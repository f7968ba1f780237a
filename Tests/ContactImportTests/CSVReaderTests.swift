import Foundation
import Testing

@testable import ContactImport

@Suite struct CSVReaderTests {
    static func records(_ fixture: String, chunkSize: Int = 1 << 20) throws -> [CSVRecord] {
        var reader = try CSVReader(path: FixtureLoader.path(fixture), options: .init(chunkSize: chunkSize))
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    @Test func stripsTheByteOrderMark() throws {
        let records = try Self.records("bom.csv")
        #expect(records.map(\.fields) == [["phone_number", "name"], ["+14155550100", "Ann"]])
    }

    @Test(arguments: ["crlf.csv", "lone-cr.csv"])
    func acceptsCRLFAndLoneCR(fixture: String) throws {
        let records = try Self.records(fixture)
        #expect(
            records.map(\.fields) == [["phone_number", "name"], ["(415) 555-0100", "Ann"], ["415.555.0101", "Bob"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func sniffsSemicolonAndTab() throws {
        var semicolon = try CSVReader(path: FixtureLoader.path("semicolon.csv"))
        #expect(try semicolon.next()?.fields == ["name", "phone1", "email"])
        #expect(semicolon.delimiter == .semicolon)
        var tab = try CSVReader(path: FixtureLoader.path("tab.csv"))
        _ = try tab.next()
        #expect(tab.delimiter == .tab)
        #expect(try tab.next()?.fields == ["+1 415 555 0100", "Ann", "San Francisco, CA"])
    }

    @Test func sniffingIgnoresDelimitersInsideQuotes() {
        #expect(CSVDelimiter.sniff(headerBytes: Array("\"a;b;c\",d,e\n".utf8)) == .comma)
        #expect(CSVDelimiter.sniff(headerBytes: Array("\"a,b,c\";d;e\n".utf8)) == .semicolon)
        #expect(CSVDelimiter.sniff(headerBytes: Array("phone_number\n1,2,3;;;;".utf8)) == .comma)
    }

    @Test(arguments: [1 << 20, 16, 17, 19])
    func keepsQuotedDelimitersQuotesAndNewlinesWithSourceLines(chunkSize: Int) throws {
        let records = try Self.records("quoted-newlines.csv", chunkSize: chunkSize)
        #expect(records.count == 3)
        #expect(records[1].fields == ["4155550100", "Smith, Ann", "line one\nline two"])
        #expect(records[2].fields == ["4155550101", "Bob", "say \"hi\""])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try Self.records("blank-lines.csv")
        #expect(records.map(\.line) == [1, 3, 6])
    }

    @Test func decodesWindows1252InsteadOfMojibake() throws {
        let path = try FixtureLoader.path("windows-1252.csv")
        let scan = try CSVFileScan.scan(path: path)
        #expect(scan.encoding == .windows1252)
        var reader = try CSVReader(path: path)
        #expect(reader.encoding == .windows1252)
        _ = try reader.next()
        #expect(try reader.next()?.fields == ["4155550100", "Renée", "\u{201C}quoted\u{201D} € café"])
    }

    @Test func rejectsBytesThatAreNeitherUTF8NorWindows1252() throws {
        let path = FixtureLoader.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data([0x61, 0x2C, 0x81, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(
            throws: ContactImportError.unsupportedEncoding(byteOffset: 2, reason: "neither UTF-8 nor Windows-1252 text")
        ) {
            _ = try CSVFileScan.scan(path: path)
        }
        try Data([0xFF, 0xFE, 0x61, 0x00]).write(to: URL(fileURLWithPath: path))
        #expect(throws: ContactImportError.self) { _ = try CSVReader(path: path) }
    }

    @Test func unterminatedQuoteNamesTheLine() throws {
        var reader = try CSVReader(path: FixtureLoader.path("unterminated-quote.csv"))
        _ = try reader.next()
        #expect(throws: ContactImportError.unterminatedQuote(line: 2, column: 2)) { _ = try reader.next() }
        let message = ContactImportError.unterminatedQuote(line: 2, column: 2).description
        #expect(message.contains("line 2"))
    }

    @Test func toleratesTrailingEmptyColumnsAndReportsRaggedRows() throws {
        #expect(
            try Self.records("trailing-empty-columns.csv").map(\.fields) == [
                ["phone_number", "name", "", ""], ["4155550100", "Ann", "", ""],
            ])
        #expect(try Self.records("ragged.csv")[1].fields == ["4155550100", "Ann", "extra"])
    }

    @Test func emptyFileHasNoRecords() throws {
        #expect(try Self.records("empty.csv").isEmpty)
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: ContactImportError.self) { _ = try CSVReader(path: "/nonexistent/contacts.csv") }
    }

    @Test func scanCountsRecordsOutsideQuotes() throws {
        let scan = try CSVFileScan.scan(path: FixtureLoader.path("quoted-newlines.csv"))
        #expect(scan.recordCount == 3)
        #expect(scan.dataRowCount == 2)
        #expect(scan.encoding == .utf8)
        #expect(try CSVFileScan.scan(path: FixtureLoader.path("blank-lines.csv")).dataRowCount == 2)
        #expect(try CSVFileScan.scan(path: FixtureLoader.path("semicolon.csv")).delimiter == .semicolon)
    }
}
