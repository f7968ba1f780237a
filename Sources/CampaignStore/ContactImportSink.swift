import CampaignCore
import Foundation

/// Receives the contacts of one import; handed out by ``ContactListStore/importContacts(campaignId:mode:now:_:)``
/// and valid only inside its `feed`.
public protocol ContactImportSink: AnyObject {
    /// Adds the contacts of `batch`, the next ones in file order. Returns what became of each contact that was not
    /// simply imported (merged, stored without some alternates, or excluded), by its index in the batch.
    func add(_ batch: ContactBatch) async throws -> [ContactAddNotice]
}

extension ContactImportSink {
    /// Adds the next contact in file order.
    public func add(_ contact: ImportedContact) async throws -> ContactAddResult {
        var batch = ContactBatch()
        try batch.append(contact)
        return try await add(batch).first?.result ?? .imported(excluded: false, dropped: [])
    }
}
