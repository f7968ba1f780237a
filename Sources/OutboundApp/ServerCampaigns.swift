import CampaignCore
import CampaignStore
import Crypto
import Foundation
import Synchronization

/// The campaign use cases of the API, each scoped to one organisation: create from a settings document, read, list,
/// edit under an ETag precondition, lifecycle actions and clones.
public struct ServerCampaigns: Sendable {
    let store: any CampaignRepository & TenantStore & CatalogStore
    let numbers: any NumberValidator
    let now: @Sendable () -> Date

    /// Use cases over `store`; pool numbers are checked with `numbers`, and `now` is the server's (virtual) clock.
    public init(
        store: any CampaignRepository & TenantStore & CatalogStore, numbers: any NumberValidator,
        now: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.numbers = numbers
        self.now = now
    }

    /// Parses a settings document (SPEC §10); every refusal names its dotted key.
    public func validate(_ document: Data) throws(ServerFailure) -> CampaignSettings {
        do {
            return try CampaignSettings.parse(document, numbers: numbers)
        } catch {
            let problem = FieldProblem(field: error.key, detail: error.reason)
            throw error.key.isEmpty ? .malformed([problem]) : .invalid([problem])
        }
    }

    /// Creates a draft from a settings document: with `agentId`, the organisation's agent and a pool of numbers it
    /// owns; with an inline `agent`, a new agent (see ``createWithAgent(orgId:document:)``).
    public func create(orgId: Int64, document: Data) async throws -> Campaign {
        try await createWithAgent(orgId: orgId, document: document)
    }

    /// The organisation's campaign.
    public func campaign(orgId: Int64, id: Int64) async throws -> Campaign {
        guard let campaign = try await store.campaign(orgId: orgId, id: id) else {
            throw ServerFailure.notFound("campaign \(id) not found")
        }
        return campaign
    }

    /// One page of the organisation's campaigns, and the id to continue after when there are more.
    public func list(
        orgId: Int64, filter: CampaignFilter, afterId: Int64?, limit: Int
    ) async throws -> (items: [Campaign], next: Int64?) {
        let found = try await store.campaigns(orgId: orgId, filter: filter, afterId: afterId, limit: limit + 1)
        let items = Array(found.prefix(limit))
        return (items, found.count > limit ? items.last?.id : nil)
    }

    /// Replaces the settings of a draft or paused campaign when `ifMatch` names its current ``etag(_:)``; a document
    /// the parser refuses is refused before the precondition is looked at.
    public func update(orgId: Int64, id: Int64, document: Data, ifMatch: String?) async throws -> Campaign {
        let current = try await campaign(orgId: orgId, id: id)
        let (resolved, agentId) = try await resolvingAgent(orgId: orgId, document: document)
        let settings = try validate(resolved)
        try await checkPool(orgId: orgId, settings.numberPool, requireOwned: agentId != nil)
        guard let ifMatch, !ifMatch.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServerFailure.preconditionRequired(
                "an edit needs If-Match with the campaign's ETag (from GET /v1/campaigns/\(id))")
        }
        let tags = ifMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard tags.contains(Self.etag(current)) else {
            throw ServerFailure.preconditionFailed(
                "campaign \(id) changed since that ETag was read; read it again and reapply the edit")
        }
        return try await store.updateSettings(
            campaignId: id, settings: settings, agentId: agentId, now: now(),
            expecting: { tags.contains(Self.etag($0)) })
    }

    /// Applies an operator's lifecycle action (start, pause, resume, cancel, restart).
    public func apply(_ action: LifecycleAction, orgId: Int64, id: Int64) async throws -> Campaign {
        _ = try await campaign(orgId: orgId, id: id)
        return try await store.apply(action, campaignId: id, now: now())
    }

    /// Copies the campaign's settings (and contacts when asked) into a new draft.
    public func clone(orgId: Int64, id: Int64, withContacts: Bool) async throws -> Campaign {
        _ = try await campaign(orgId: orgId, id: id)
        let copy = try await store.clone(campaignId: id, withContacts: withContacts, now: now())
        return try await campaign(orgId: orgId, id: copy)
    }

    /// The campaign's lead counts by status.
    public func counts(_ campaign: Campaign, in reports: any ReportsStore) async throws -> LeadCounts {
        try await reports.leadCounts(campaignId: campaign.id)
    }

    /// The campaign's entity tag: a strong ETag that changes whenever its status, run, agent or settings change. The last
    /// tag of each campaign is kept with the value it was computed from: a list or a read of an unchanged campaign
    /// compares values instead of encoding its settings again (half of a campaign list's CPU before).
    public static func etag(_ campaign: Campaign) -> String {
        if let kept = etags.withLock({ $0[campaign.id] }), kept.campaign == campaign { return kept.etag }
        let etag = computedETag(campaign)
        etags.withLock { $0[campaign.id] = (campaign, etag) }
        return etag
    }

    private static let etags = Mutex<[Int64: (campaign: Campaign, etag: String)]>([:])

    static func computedETag(_ campaign: Campaign) -> String {
        var data = Data(
            "\(campaign.status.rawValue)|\(campaign.hasRun)|\(campaign.generation)|\(campaign.agentId)|".utf8)
        data.append(campaign.settings.jsonData())
        let digest = SHA256.hash(data: data).prefix(12).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        return "\"\(digest)\""
    }
}
