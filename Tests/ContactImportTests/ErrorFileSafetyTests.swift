import Foundation
import Testing

@testable import ContactImport

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The error file neutralises formula cells; the reader refuses what is not a regular file")
struct ErrorFileSafetyTests {
    @Test func headerEchoesAndReasonsAreNeutralised() {
        let problems = [
            RowProblem(line: 1, column: "=HYPERLINK(\"http://x\")", reason: "@ignored column", severity: .warning),
            RowProblem(line: 2, column: "+cmd|' /C calc'!A0", reason: "-1 is not a number", severity: .rejected),
            RowProblem(line: 3, column: "phone_number", reason: "+1415 is too short", severity: .rejected),
        ]
        #expect(
            RowProblemCSV.document(problems) == """
                line,column,reason\r
                1,"'=HYPERLINK(""http://x"")",warning: @ignored column\r
                2,'+cmd|' /C calc'!A0,'-1 is not a number\r
                3,phone_number,'+1415 is too short\r

                """)
        #expect(RowProblemCSV.quoted("+14155550100") == "+14155550100")
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        #expect(throws: ContactImportError.self) { _ = try ImportLimits.standard.check(path: path) }
    }

    @Test func aFolderIsRefused() throws {
        #expect(throws: ContactImportError.self) {
            _ = try ImportLimits.standard.check(path: FileManager.default.temporaryDirectory.path)
        }
    }
}
