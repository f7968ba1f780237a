import CampaignStore
import Foundation
import OutboundApp

extension App {
    /// The organisation `--org` names (by id or name), or the database's only one; refused when there are several.
    static func chosenOrganization(_ org: String?, in store: any AccessStore) async throws -> Int64 {
        let all = try await store.organizations()
        if let org {
            if let id = Int64(org), let found = all.first(where: { $0.id == id }) { return found.id }
            if let found = all.first(where: { $0.name == org }) { return found.id }
            throw CommandFailure("--org: no organisation '\(org)' (by id or name)")
        }
        switch all.count {
        case 0: throw CommandFailure("the database has no organisation yet")
        case 1: return all[0].id
        default:
            throw CommandFailure(
                "--org: the database has \(all.count) organisations; name one ("
                    + all.map { "\($0.id) \($0.name)" }.joined(separator: ", ") + ")")
        }
    }

    /// "Now" for a command on `store`: the shared virtual clock a server stored, else the wall clock.
    static func now(of store: SQLCampaignStore) async throws -> Date { try await ServerClockSetup.now(of: store) }
}

extension App {
    /// Who a command acts as in the audit log: the command line and the operating system's user.
    static var commandActor: AuditActor {
        AuditActor(kind: "cli", label: "cli:" + ProcessInfo.processInfo.userName)
    }
}
