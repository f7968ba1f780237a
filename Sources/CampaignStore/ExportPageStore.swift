import CampaignCore
import Foundation

/// Where a page of the contact export ends: the last lead's list position and id (the export's keyset).
public struct ContactExportKey: Sendable, Equatable {
    /// The lead's list position.
    public var seq: Int64
    /// The lead's id.
    public var id: Int64

    /// A key.
    public init(seq: Int64, id: Int64) {
        self.seq = seq
        self.id = id
    }
}

/// One page of a campaign's contacts in list order, and the key to read the next one from.
public struct ContactExportPage: Sendable, Equatable {
    /// The contacts, in list order.
    public var contacts: [ExportedContact]
    /// The key of the last contact (nil when the page is empty).
    public var last: ContactExportKey?

    /// A page.
    public init(contacts: [ExportedContact], last: ContactExportKey?) {
        self.contacts = contacts
        self.last = last
    }
}

/// The exports of SPEC §10 read in keyset pages, each page one short read on a reader connection: an export of a
/// million rows holds no connection (and never the writer) for longer than a page takes, keeps one page in memory,
/// and yields every row present for the whole export exactly once, whatever is written in between.
public protocol ExportPageStore: Sendable {
    /// At most `limit` of the campaign's visible contacts after `after` (nil: from the start), in list order.
    func contactExportPage(campaignId: Int64, after: ContactExportKey?, limit: Int) async throws -> ContactExportPage

    /// At most `limit` calls with an id above `afterId` (nil: from the first), of one campaign or of all, by id
    /// (the order the call log is written in).
    func callExportPage(campaignId: Int64?, afterId: Int64?, limit: Int) async throws -> [CallRecord]
}
