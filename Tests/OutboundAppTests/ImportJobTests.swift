import CampaignCore
import CampaignStore
import ContactImport
import Foundation
import OutboundApp
import Testing

@Suite("The import job on a file and on a spooled upload, without the command line")
struct ImportJobTests {
    static let csv = "phone_number,name\n+12125550100,Ann\n+12125550101,Bob\nnot a number,Cy\n"

    /// `text` as an upload arriving in chunks of `size` bytes.
    static func chunks(_ text: String, size: Int) -> AsyncStream<[UInt8]> {
        let bytes = Array(text.utf8)
        return AsyncStream { continuation in
            for start in stride(from: 0, to: bytes.count, by: size) {
                continuation.yield(Array(bytes[start..<min(start + size, bytes.count)]))
            }
            continuation.finish()
        }
    }

    @Test("a file imports with its report and its error file")
    func importsAFile() async throws {
        try await AppStore.withFolder { folder in
            let file = folder.appendingPathComponent("contacts.csv")
            try Self.csv.write(to: file, atomically: true, encoding: .utf8)
            let errors = folder.appendingPathComponent("errors.csv").path
            let store = try await SQLCampaignStore.openSQLite(path: folder.appendingPathComponent("a.sqlite").path)
            let id = try await AppStore.campaign(in: store, leads: 1)
            let job = try ContactImportJob(source: .file(path: file.path), region: "us", mappings: [], mode: .replace)
            #expect(job.scan.dataRowCount == 3 && job.region == "US")
            let report = try await job.run(store: store, campaignId: id, errorsPath: errors, now: AppStore.friday)
            #expect(report.read == 3 && report.totals.imported == 2 && report.rejected == 1)
            #expect(try await store.leadCounts(campaignId: id).total == 2, "the draft's list was replaced")
            let lines = try String(contentsOfFile: errors, encoding: .utf8).split(separator: "\r\n")
            #expect(lines.count == 2 && lines[0] == "line,column,reason" && lines[1].hasPrefix("4,"))
            try await store.close()
        }
    }

    @Test("an upload spooled in chunks imports like the file, and its errors name the upload")
    func importsAnUpload() async throws {
        try await AppStore.withStore { store in
            let id = try await AppStore.campaign(in: store, leads: 0)
            let upload = try await SpooledUpload.spool(Self.chunks(Self.csv, size: 7))
            defer { upload.remove() }
            #expect(upload.byteCount == Self.csv.utf8.count)
            let mode = try FileManager.default.attributesOfItem(atPath: upload.path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "a contact list in the shared temporary folder is readable by its owner only")
            let job = try ContactImportJob(source: .upload(upload), region: "US", mappings: [], mode: .append)
            let report = try await job.run(store: store, campaignId: id, now: AppStore.friday)
            #expect(report.read == 3 && report.totals.imported == 2 && report.rejected == 1)

            let headless = try await SpooledUpload.spool(Self.chunks("name,email\nAda,ada@example.com\n", size: 5))
            defer { headless.remove() }
            let error = await #expect(throws: ImportJobError.self) {
                _ = try await ContactImportJob(source: .upload(headless), region: "US", mappings: [], mode: .append)
                    .run(store: store, campaignId: id)
            }
            #expect(error?.description.hasPrefix("the upload: no phone column") == true, "\(String(describing: error))")
            #expect(!(error?.description.contains(headless.path) ?? true), "a temporary path means nothing to a client")
        }
    }

    @Test("an upload past the size limit stops while spooling and leaves no file")
    func oversizedUpload() async throws {
        try await AppStore.withFolder { folder in
            let limits = ImportLimits(maxBytes: 16, maxRows: 10)
            let error = await #expect(throws: ImportJobError.self) {
                _ = try await SpooledUpload.spool(Self.chunks(Self.csv, size: 4), limits: limits, in: folder)
            }
            guard case .uploadTooLarge(limit: 16) = error else {
                Issue.record("expected uploadTooLarge, got \(String(describing: error))")
                return
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(left.isEmpty)
        }
    }

    @Test("a mapping that is not COLUMN=VARIABLE is refused before anything is read")
    func malformedMapping() async throws {
        try await AppStore.withFolder { folder in
            let file = folder.appendingPathComponent("c.csv")
            try Self.csv.write(to: file, atomically: true, encoding: .utf8)
            let error = #expect(throws: ImportJobError.self) {
                _ = try ContactImportJob(source: .file(path: file.path), region: "US", mappings: ["x"], mode: .replace)
            }
            guard case .malformedMapping("x") = error else {
                Issue.record("expected malformedMapping, got \(String(describing: error))")
                return
            }
        }
    }

    @Test(
        "one column mapped to two variables is refused (either would be dropped silently); the same mapping twice is not"
    )
    func columnMappedTwice() async throws {
        try await AppStore.withFolder { folder in
            let file = folder.appendingPathComponent("c.csv")
            try Self.csv.write(to: file, atomically: true, encoding: .utf8)
            let error = #expect(throws: ImportJobError.self) {
                _ = try ContactImportJob(
                    source: .file(path: file.path), region: "US", mappings: ["Account=NAME", "account=CASE_NUMBER"],
                    mode: .replace)
            }
            guard case .columnMappedTwice("account", let variables) = error else {
                Issue.record("expected columnMappedTwice, got \(String(describing: error))")
                return
            }
            #expect(variables == ["NAME", "CASE_NUMBER"])
            let job = try ContactImportJob(
                source: .file(path: file.path), region: "US", mappings: ["Account=NAME", "ACCOUNT = name"],
                mode: .replace)
            #expect(job.mapping.columnToVariable == ["ACCOUNT": "NAME"])
        }
    }

    @Test("a campaign that has run refuses a replacing import, says so without a command hint, and keeps no error file")
    func lockedCampaign() async throws {
        try await AppStore.withFolder { folder in
            let file = folder.appendingPathComponent("c.csv")
            try Self.csv.write(to: file, atomically: true, encoding: .utf8)
            let errors = folder.appendingPathComponent("errors.csv").path
            let store = try await SQLCampaignStore.openSQLite(path: folder.appendingPathComponent("a.sqlite").path)
            let id = try await AppStore.campaign(in: store, leads: 2)
            _ = try await store.apply(.start, campaignId: id, now: AppStore.friday)
            let job = try ContactImportJob(source: .file(path: file.path), region: "US", mappings: [], mode: .replace)
            let error = await #expect(throws: ImportJobError.self) {
                _ = try await job.run(store: store, campaignId: id, errorsPath: errors)
            }
            guard case .contactsLocked(campaignId: id, alwaysOn: false) = error else {
                Issue.record("expected contactsLocked, got \(String(describing: error))")
                return
            }
            #expect(error?.description == "campaign \(id) has run, so its contact list is locked")
            #expect(!FileManager.default.fileExists(atPath: errors))
            let missing = await #expect(throws: ImportJobError.self) {
                _ = try await job.run(store: store, campaignId: 99)
            }
            #expect(missing?.description == "campaign 99 not found")
            try await store.close()
        }
    }

    @Test("an upload imported in one call leaves no temporary file, whether it succeeds or fails")
    func uploadInOneCall() async throws {
        try await AppStore.withFolder { folder in
            let store = try await SQLCampaignStore.openSQLite(path: folder.appendingPathComponent("a.sqlite").path)
            let id = try await AppStore.campaign(in: store, leads: 0)
            let spool = folder.appendingPathComponent("spool")
            try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
            let report = try await ContactImportJob.importUpload(
                Self.chunks(Self.csv, size: 3), store: store, campaignId: id, region: "US", mappings: [],
                mode: .append, folder: spool)
            #expect(report.totals.imported == 2)
            await #expect(throws: ImportJobError.self) {
                _ = try await ContactImportJob.importUpload(
                    Self.chunks("name\nAda\n", size: 3), store: store, campaignId: id, region: "US", mappings: [],
                    mode: .append, folder: spool)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: spool.path) == [])
            try await store.close()
        }
    }
}
