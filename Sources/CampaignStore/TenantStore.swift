import CampaignCore
import Foundation

/// One lead (campaign contact) as the API shows it.
public struct LeadRecord: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// Campaign.
    public var campaignId: Int64
    /// Position in the list (the keyset of a page).
    public var seq: Int64
    /// Line of the uploaded file (1 = header), 0 when not from a file.
    public var sourceLine: Int
    /// Status (`waiting` reported as `pending`, as in the contact export).
    public var status: String
    /// E.164 numbers, primary first.
    public var numbers: [String]
    /// Index of the number being tried (0 = primary).
    public var numberIndex: Int
    /// Dials made in the current run.
    public var attempts: Int
    /// Breadth-first pass.
    public var pass: Int
    /// When the lead may be dialled next (pending and waiting leads).
    public var nextAttemptAt: Date?
    /// The last call's outcome.
    public var lastOutcome: String?
    /// The last call's disposition.
    public var lastDisposition: String?
    /// Candidate zones.
    public var timezones: [String]
    /// `column`, `number` or `default`.
    public var timezoneSource: String
    /// The variables as a JSON object with sorted keys.
    public var variablesJSON: String
    /// The compliance rule holding the lead back, when one does.
    public var blockedBy: String?
    /// When the lead last changed.
    public var updatedAt: Date
}

/// Which campaigns a list shows.
public struct CampaignFilter: Sendable, Equatable {
    /// Only this status.
    public var status: CampaignStatus?
    /// Only names containing this text (case-insensitive for ASCII letters).
    public var nameContains: String?

    /// Creates a filter.
    public init(status: CampaignStatus? = nil, nameContains: String? = nil) {
        self.status = status
        self.nameContains = nameContains
    }
}

/// Which leads a list shows.
public struct LeadFilter: Sendable, Equatable {
    /// Only this status (`pending` includes leads waiting for a retry).
    public var status: LeadStatus?
    /// Only leads this ``LeadSearch`` finds (a primary number or a name starting with it); a search page is in the
    /// order of its index (name key or number, then id), not in list order.
    public var search: String?

    /// Creates a filter.
    public init(status: LeadStatus? = nil, search: String? = nil) {
        self.status = status
        self.search = search
    }
}

/// The API's reads, every one scoped by organisation: an id of another organisation finds nothing, exactly like a
/// missing one. Lists are keyset pages: `after` is the last key of the previous page, so any page costs what the
/// first one costs.
public protocol TenantStore: Sendable {
    /// The organisation's campaign, or nil.
    func campaign(orgId: Int64, id: Int64) async throws -> Campaign?
    /// The organisation's campaigns with an id above `afterId`, by id, at most `limit`.
    func campaigns(orgId: Int64, filter: CampaignFilter, afterId: Int64?, limit: Int) async throws -> [Campaign]
    /// The campaign's leads after the key `after`, in list order, at most `limit`.
    func leads(
        orgId: Int64, campaignId: Int64, filter: LeadFilter, after: LeadPageKey?, limit: Int
    ) async throws -> [LeadRecord]
    /// The organisation's lead, or nil.
    func lead(orgId: Int64, id: Int64) async throws -> LeadRecord?
    /// The campaign's calls after the key `after`, in the order they were queued, at most `limit`.
    func calls(orgId: Int64, campaignId: Int64, after: CallPageKey?, limit: Int) async throws -> [CallRecord]
    /// The lead's calls, oldest first, at most `limit`.
    func calls(orgId: Int64, leadId: Int64, limit: Int) async throws -> [CallRecord]
    /// The organisation's call, or nil.
    func call(orgId: Int64, id: Int64) async throws -> CallRecord?
}

/// Where a page of leads ends: the list position and id of its last lead.
public struct LeadPageKey: Sendable, Equatable {
    /// List position.
    public var seq: Int64
    /// Lead id.
    public var id: Int64

    /// Creates a key.
    public init(seq: Int64, id: Int64) {
        self.seq = seq
        self.id = id
    }

    /// The key of a page that ends with `lead`.
    public init(_ lead: LeadRecord) { self.init(seq: lead.seq, id: lead.id) }
}

/// Where a page of calls ends: the queue time (Unix milliseconds) and id of its last call.
public struct CallPageKey: Sendable, Equatable {
    /// Queue time in Unix milliseconds.
    public var queuedAtMillis: Int64
    /// Call id.
    public var id: Int64

    /// Creates a key.
    public init(queuedAtMillis: Int64, id: Int64) {
        self.queuedAtMillis = queuedAtMillis
        self.id = id
    }

    /// The key of a page that ends with `call`.
    public init(_ call: CallRecord) { self.init(queuedAtMillis: Millis.from(call.queuedAt), id: call.id) }
}
