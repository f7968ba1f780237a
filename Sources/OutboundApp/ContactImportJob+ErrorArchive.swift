import CampaignStore
import ContactImport
import Foundation

extension ContactImportJob {
    /// What an import whose error file is kept in the database answers.
    public struct KeptReport: Sendable {
        /// The import's report.
        public var report: ImportReport
        /// Whether the campaign now has an error file (the import had problems and the file was stored).
        public var hasErrorFile: Bool
    }

    /// Runs the job (see ``run(store:campaignId:errorsPath:progress:now:)``), then keeps its error file in the
    /// store as the campaign's last (``ImportErrorArchive``), writing it to a temporary file when `errorsPath` is
    /// nil. The import stands when keeping its error file fails: the answer then says there is none.
    public func runKeepingErrors(
        store: some CampaignRepository & ContactListStore & ImportErrorStore, campaignId: Int64,
        errorsPath: String? = nil, progress: (@Sendable (Int) -> Void)? = nil, now: Date = Date()
    ) async throws -> KeptReport {
        let path =
            errorsPath
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("outbound-errors-\(UUID().uuidString).csv")
            .path
        defer { if errorsPath == nil { try? FileManager.default.removeItem(atPath: path) } }
        let report = try await run(
            store: store, campaignId: campaignId, errorsPath: path, progress: progress, now: now)
        let rows = report.rejected + report.warnings
        do {
            try await ImportErrorArchive.keep(
                path: path, rowCount: rows, campaignId: campaignId, store: store, now: now)
            return KeptReport(report: report, hasErrorFile: rows > 0)
        } catch {
            return KeptReport(report: report, hasErrorFile: false)
        }
    }

    /// ``importUpload(_:store:campaignId:region:mappings:mode:errorsPath:limits:folder:progress:now:)`` keeping the
    /// error file in the store (``runKeepingErrors(store:campaignId:errorsPath:progress:now:)``).
    public static func importUploadKeepingErrors<Chunks: AsyncSequence>(
        _ chunks: Chunks, store: some CampaignRepository & ContactListStore & ImportErrorStore, campaignId: Int64,
        region: String, mappings: [String], mode: ContactImportMode, errorsPath: String? = nil,
        limits: ImportLimits = .standard, folder: URL = FileManager.default.temporaryDirectory,
        progress: (@Sendable (Int) -> Void)? = nil, now: Date = Date()
    ) async throws -> KeptReport where Chunks.Element: Collection, Chunks.Element.Element == UInt8 {
        let upload = try await SpooledUpload.spool(chunks, limits: limits, in: folder)
        defer { upload.remove() }
        let job = try ContactImportJob(
            source: .upload(upload), region: region, mappings: mappings, mode: mode, limits: limits)
        return try await job.runKeepingErrors(
            store: store, campaignId: campaignId, errorsPath: errorsPath, progress: progress, now: now)
    }
}
