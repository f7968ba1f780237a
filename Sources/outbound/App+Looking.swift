import CampaignStore
import Foundation
import OutboundApp

extension App {
    /// "Now" for a command on `store`: the shared virtual clock a server stored, else the wall clock.
    static func now(of store: SQLCampaignStore) async throws -> Date { try await ServerClockSetup.now(of: store) }
}

extension App {
    /// Who a command acts as in the audit log: the command line and the operating system's user.
    static var commandActor: AuditActor {
        AuditActor(kind: "cli", label: "cli:" + ProcessInfo.processInfo.userName)
    }
}
