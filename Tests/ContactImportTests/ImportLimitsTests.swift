import Foundation
import Testing

@testable import ContactImport

@Suite struct ImportLimitsTests {
    @Test func standardLimitsAreTheSpecs() {
        #expect(ImportLimits.standard.maxBytes == 104_857_600)
        #expect(ImportLimits.standard.maxRows == 500_000)
    }

    @Test func refusesTooManyRowsCountingOnlyRecordBoundariesOutsideQuotes() throws {
        let path = try FixtureLoader.path("quoted-newlines.csv")
        #expect(try ImportLimits(maxBytes: 1_000, maxRows: 2).check(path: path).dataRowCount == 2)
        #expect(throws: ContactImportError.tooManyRows(rows: 2, limit: 1)) {
            _ = try ImportLimits(maxBytes: 1_000, maxRows: 1).check(path: path)
        }
    }

    @Test func refusesLargeFilesBeforeReadingThem() throws {
        let path = try FixtureLoader.path("crlf.csv")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(throws: ContactImportError.fileTooLarge(bytes: size, limit: 10)) {
            _ = try ImportLimits(maxBytes: 10, maxRows: 10).check(path: path)
        }
        #expect(ContactImportError.fileTooLarge(bytes: size, limit: 10).description.contains("bytes"))
        #expect(ContactImportError.tooManyRows(rows: 600_000, limit: 500_000).description.contains("rows"))
    }

    @Test func errorFileQuotesLikeRFC4180() {
        let problems = [
            RowProblem(line: 2, column: "phone_number", reason: "no usable number (a, \"b\")", severity: .rejected),
            RowProblem(line: 9, column: "phone_number_2", reason: "too short (12)", severity: .warning),
        ]
        #expect(
            RowProblemCSV.document(problems) == """
                line,column,reason\r
                2,phone_number,"no usable number (a, ""b"")"\r
                9,phone_number_2,warning: too short (12)\r

                """)
        #expect(RowProblemCSV.quoted("two\nlines") == "\"two\nlines\"")
    }
}
