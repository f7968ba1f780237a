import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `--org ID|NAME` on every command (SPEC §11): the organisation it names by id or name; without it the database's
/// only organisation (created as `default` by commands that create data, when there is none), refused when there are
/// several.
enum OrgSelection {
    /// The organisation `org` names, or the only one.
    static func organization(
        _ org: String?, in store: SQLCampaignStore, creating: Bool = false
    ) async throws -> OrganizationRecord {
        let all = try await store.organizations()
        if let org {
            if let id = Int64(org), let found = all.first(where: { $0.id == id }) { return found }
            if let found = all.first(where: { $0.name == org }) { return found }
            throw CommandFailure("--org: no organisation named '\(org)' (nor with that id)")
        }
        switch all.count {
        case 1: return all[0]
        case 0 where creating:
            return OrganizationRecord(id: try await store.organization(named: "default", now: Date()), name: "default")
        case 0: throw CommandFailure("the database has no organisation yet")
        default:
            throw CommandFailure(
                "--org: the database has \(all.count) organisations; name one ("
                    + all.map { "\($0.id) \($0.name)" }.joined(separator: ", ") + ")")
        }
    }

    /// Checks that campaign `id` belongs to the organisation `org` selects; another organisation's campaign is
    /// "not found", exactly like a missing one.
    static func campaign(_ id: Int64, org: String?, in store: SQLCampaignStore) async throws {
        let orgId = try await organization(org, in: store).id
        guard let campaign = try await store.campaign(id: id), campaign.orgId == orgId else {
            throw CommandFailure("campaign \(id) not found")
        }
    }
}
