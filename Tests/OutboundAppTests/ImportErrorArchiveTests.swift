import CampaignCore
import CampaignStore
import ContactImport
import Foundation
import OutboundApp
import Testing

@Suite("The last import's error file, kept in the database for every process (errors.csv)")
struct ImportErrorArchiveTests {
    @Test("an import with problems keeps its error file; the next import of the campaign replaces or forgets it")
    func keptAndReplaced() async throws {
        try await AppStore.withFolder { folder in
            let store = try await SQLCampaignStore.openSQLite(path: folder.appendingPathComponent("a.sqlite").path)
            let id = try await AppStore.campaign(in: store, leads: 0)
            let orgId = try await store.organization(named: "acme", now: AppStore.friday)
            let file = folder.appendingPathComponent("c.csv")
            try ImportJobTests.csv.write(to: file, atomically: true, encoding: .utf8)
            let job = try ContactImportJob(source: .file(path: file.path), region: "US", mappings: [], mode: .replace)
            let kept = try await job.runKeepingErrors(store: store, campaignId: id, now: AppStore.friday)
            #expect(kept.hasErrorFile && kept.report.rejected == 1)
            let errors = try #require(try await store.importErrors(orgId: orgId, campaignId: id))
            #expect(errors.rowCount == 1 && errors.keptRows == 1 && !errors.isTruncated)
            #expect(errors.csv.hasPrefix("line,column,reason\r\n4,"))
            #expect(try await store.importErrors(orgId: orgId + 1, campaignId: id) == nil, "scoped by organisation")
            try "phone_number\n+12125550100\n".write(to: file, atomically: true, encoding: .utf8)
            let clean = try ContactImportJob(source: .file(path: file.path), region: "US", mappings: [], mode: .replace)
            let second = try await clean.runKeepingErrors(store: store, campaignId: id, now: AppStore.friday)
            #expect(!second.hasErrorFile)
            #expect(try await store.importErrors(orgId: orgId, campaignId: id) == nil)
            try await store.close()
        }
    }

    @Test("an error file past the size limit keeps its first whole lines and says how many rows it left out")
    func bounded() async throws {
        try await AppStore.withFolder { folder in
            let store = try await SQLCampaignStore.openSQLite(path: folder.appendingPathComponent("a.sqlite").path)
            let id = try await AppStore.campaign(in: store, leads: 0)
            let orgId = try await store.organization(named: "acme", now: AppStore.friday)
            let path = folder.appendingPathComponent("errors.csv").path
            let rows = (0..<100).map { "\($0 + 2),phone_number,not a phone number\r\n" }
            try ("line,column,reason\r\n" + rows.joined()).write(toFile: path, atomically: true, encoding: .utf8)
            try await ImportErrorArchive.keep(
                path: path, rowCount: 100, campaignId: id, store: store, now: AppStore.friday, maxBytes: 500)
            let kept = try #require(try await store.importErrors(orgId: orgId, campaignId: id))
            #expect(kept.isTruncated && kept.rowCount == 100 && kept.keptRows > 0 && kept.keptRows < 100)
            #expect(kept.csv.utf8.count <= 500 && kept.csv.hasSuffix("\r\n"))
            #expect(kept.csv.split(separator: "\r\n").count == kept.keptRows + 1)
            try await store.close()
        }
    }
}
