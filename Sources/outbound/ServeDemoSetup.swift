import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// The set-up of `outbound serve --demo`: the demo's organisation, agent, numbers, contacts and campaign (as
/// `outbound demo` makes them), started at the virtual clock's first instant, with an admin user and an API key.
enum ServeDemoSetup {
    /// What the demo server prints for signing in.
    struct Credentials: Sendable {
        let email: String
        let password: String
        let apiKey: String
    }

    static let adminEmail = "admin@demo.outbound.test"

    /// Replaces the database at `database` when an earlier demo made it (refusing anything else) and sets the demo up
    /// in it, at `clockStart`.
    static func run(database: String, clockStart: Date) async throws -> Credentials {
        try await Demo.clear(database)
        return try await App.withStore(database, creating: true) { store in
            try await store.markAsDemo()
            let demo = try await DemoCampaign.create(in: store, at: clockStart)
            _ = try await store.apply(.start, campaignId: demo.campaignId, now: clockStart)
            guard let orgId = try await store.organizations().first?.id else {
                throw CommandFailure("the demo's organisation was not created")
            }
            let wallNow = Date()
            let user = try await AccessUsers(store: store).create(
                orgId: orgId, email: adminEmail, role: .admin, now: wallNow)
            let key = try await AccessKeys(store: store).create(
                orgId: orgId, name: "demo", role: .admin, now: wallNow)
            return Credentials(email: adminEmail, password: user.password, apiKey: key.key)
        }
    }
}
