import CampaignCore
import CampaignStore
import Foundation

/// The real engine with the simulator on a virtual clock, against a copy of the data, before a single real call:
/// when the campaign would finish, calls per day, who can never be called and why, and which contacts' numbers do
/// not pin down one time zone. Nothing in the source database changes.
public struct CampaignForecast: Sendable {
    /// The campaign to forecast.
    public let campaignId: Int64
    /// The seed of the callee model.
    public let seed: UInt64
    /// The quiet hours and frequency caps the forecast applies.
    public let compliance: ComplianceRules
    /// Simulated days after which the forecast gives up.
    public let days: Int

    /// A forecast of `campaignId` over at most `days` simulated days.
    public init(campaignId: Int64, seed: UInt64, compliance: ComplianceRules, days: Int) {
        self.campaignId = campaignId
        self.seed = seed
        self.compliance = compliance
        self.days = days
    }

    /// Copies `source` into a temporary folder, runs the campaign on the copy from `start`, and removes the copy.
    public func run(
        copying source: any ForecastStore & CampaignRepository, from start: Date
    ) async throws -> ForecastReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-forecast-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("forecast.sqlite").path
        _ = try await CampaignLookup.campaign(campaignId, in: source)
        try await source.snapshot(to: copy)
        let store: SQLCampaignStore
        do {
            store = try await SQLCampaignStore.openSQLite(path: copy, creating: false)
        } catch StoreError.unavailable(let reason) {
            throw AppFailure("--db: \(reason)")
        }
        do {
            let report = try await forecast(on: store, from: start)
            try await store.close()
            return report
        } catch {
            try? await store.close()
            throw error
        }
    }

    private func forecast(on store: SQLCampaignStore, from start: Date) async throws -> ForecastReport {
        try await store.resetSimulationClock(campaignId: campaignId)
        let summary = try await Simulation(store: store, campaignId: campaignId, seed: seed, compliance: compliance)
            .run(from: start, until: start.addingTimeInterval(Double(days) * 86_400))
        return ForecastReport(summary: summary, facts: try await store.forecastFacts(campaignId: campaignId))
    }
}
