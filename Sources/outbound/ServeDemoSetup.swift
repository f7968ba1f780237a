import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// The set-up of `outbound serve --demo`: the demo's organisation, agent, numbers, contacts and campaign (as
/// `outbound demo` makes them), a priced simulator carrier for its numbers, the campaign started at the virtual clock's
/// first instant, an admin user and an API key.
enum ServeDemoSetup {
    /// What the demo server prints for signing in.
    struct Credentials: Sendable {
        let email: String
        let password: String
        let apiKey: String
    }

    static let adminEmail = "admin@demo.outbound.test"
    /// The demo carrier's price per billed minute (6-second increments).
    static let demoRatePerMinute = "0.013"

    /// Replaces the database at `database` when an earlier demo made it (refusing anything else) and sets the demo up
    /// in it, at `clockStart`.
    static func run(database: String, clockStart: Date) async throws -> Credentials {
        try await Demo.clear(database)
        return try await App.withStore(database, creating: true) { store in
            try await store.markAsDemo()
            let demo = try await DemoCampaign.create(in: store, at: clockStart)
            guard let orgId = try await store.organizations().first?.id else {
                throw CommandFailure("the demo's organisation was not created")
            }
            // A priced simulator carrier for the demo's numbers, so the dashboard's cost figures have something to show.
            let carrier = try await store.upsertCarrier(
                orgId: orgId, name: "Simulator", kind: .simulator, callsPerSecond: nil,
                numbers: demo.settings.numberPool, now: clockStart)
            try await store.setCarrierRate(
                orgId: orgId, carrierId: carrier, ratePerMinute: demoRatePerMinute, billingIncrementSeconds: 6)
            _ = try await store.apply(.start, campaignId: demo.campaignId, now: clockStart)
            let wallNow = Date()
            let user = try await AccessUsers(store: store).create(
                orgId: orgId, email: adminEmail, role: .admin, now: wallNow)
            let key = try await AccessKeys(store: store).create(
                orgId: orgId, name: "demo", role: .admin, now: wallNow)
            return Credentials(email: adminEmail, password: user.password, apiKey: key.key)
        }
    }
}
