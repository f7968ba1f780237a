import CampaignStore
import ContactImport
import Foundation

extension ContactImportJob {
    /// Imports an upload arriving as chunks of bytes (an HTTP body): spools it to a temporary file in `folder`
    /// (refusing it past `limits` as it arrives), imports it like a file, and removes the temporary file whatever
    /// happens. Throws ``ImportJobError``, whose messages name "the upload".
    public static func importUpload<Chunks: AsyncSequence>(
        _ chunks: Chunks, store: some CampaignRepository & ContactListStore, campaignId: Int64, region: String,
        mappings: [String], mode: ContactImportMode, errorsPath: String? = nil, limits: ImportLimits = .standard,
        folder: URL = FileManager.default.temporaryDirectory, progress: (@Sendable (Int) -> Void)? = nil,
        now: Date = Date()
    ) async throws -> ImportReport where Chunks.Element: Collection, Chunks.Element.Element == UInt8 {
        let upload = try await SpooledUpload.spool(chunks, limits: limits, in: folder)
        defer { upload.remove() }
        let job = try ContactImportJob(
            source: .upload(upload), region: region, mappings: mappings, mode: mode, limits: limits)
        return try await job.run(
            store: store, campaignId: campaignId, errorsPath: errorsPath, progress: progress, now: now)
    }
}
