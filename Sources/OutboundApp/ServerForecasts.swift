import CampaignCore
import CampaignStore
import Foundation

/// Forecasts asked for over the API: each runs in the background on a snapshot of the database (never holding the
/// writer), one at a time per process, and is kept in the database with the campaign's settings version and list
/// size, so a repeated request for an unchanged campaign answers the finished forecast at once and any process on
/// the database can show the latest.
public actor ServerForecasts {
    /// What the use cases need from the store.
    public typealias Store = ForecastStore & CampaignRepository & TenantStore & ReportsStore

    let store: any Store
    let compliance: ComplianceRules
    let now: @Sendable () -> Date
    let days: Int
    let owner = "forecast-\(UUID().uuidString)"
    /// A running forecast of another process older than this (on the server's clock) is taken over.
    let abandonAfter: TimeInterval
    private var running: [Int64: Task<Void, Never>] = [:]
    private var last: Task<Void, Never>?

    /// Forecasts over `store` with `compliance`, from the server clock's `now`, over at most `days` simulated days.
    public init(
        store: any Store, compliance: ComplianceRules, days: Int = 60, abandonAfter: TimeInterval = 900,
        now: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.compliance = compliance
        self.days = days
        self.abandonAfter = abandonAfter
        self.now = now
    }

    /// Asks for a forecast of the organisation's campaign: the finished one when the campaign is unchanged since
    /// (unless `refresh`), the running one when one is running, else a new one started in the background.
    public func request(orgId: Int64, campaignId: Int64, refresh: Bool) async throws -> StoredForecast {
        let key = try await cacheKey(orgId: orgId, campaignId: campaignId)
        if let latest = try await store.forecast(orgId: orgId, campaignId: campaignId) {
            if latest.state == .running, running[campaignId] != nil { return latest }
            if latest.state == .done, latest.cacheKey == key, !refresh { return latest }
        }
        let requestedAt = now()
        if let other = try await store.claimForecast(
            orgId: orgId, campaignId: campaignId, cacheKey: key, owner: owner, now: requestedAt,
            abandonedBefore: requestedAt.addingTimeInterval(-abandonAfter))
        {
            return other
        }
        start(campaignId: campaignId, from: requestedAt)
        return StoredForecast(
            campaignId: campaignId, cacheKey: key, state: .running, owner: owner, requestedAt: requestedAt)
    }

    /// The organisation's campaign's latest forecast, and whether it was made from the campaign as it is now.
    public func latest(orgId: Int64, campaignId: Int64) async throws -> (forecast: StoredForecast, current: Bool) {
        let key = try await cacheKey(orgId: orgId, campaignId: campaignId)
        guard let latest = try await store.forecast(orgId: orgId, campaignId: campaignId) else {
            throw ServerFailure.notFound("campaign \(campaignId) has no forecast yet; POST to ask for one")
        }
        return (latest, latest.cacheKey == key)
    }

    /// Waits for every forecast this process started (tests, and a graceful stop).
    public func settle() async {
        while let task = last {
            await task.value
            if last == task { last = nil }
        }
    }

    /// Stops the forecasts this process runs; what they claimed is taken over by the next request.
    public func cancelAll() {
        for task in running.values { task.cancel() }
    }

    /// What a forecast is computed from: the campaign's settings version (its ETag) and the size of its list.
    func cacheKey(orgId: Int64, campaignId: Int64) async throws -> String {
        guard let campaign = try await store.campaign(orgId: orgId, id: campaignId) else {
            throw ServerFailure.notFound("campaign \(campaignId) not found")
        }
        let counts = try await store.leadCounts(campaignId: campaignId)
        return "\(ServerCampaigns.etag(campaign))|\(counts.total)"
    }

    private func start(campaignId: Int64, from start: Date) {
        let previous = last
        let forecast = CampaignForecast(campaignId: campaignId, seed: 1, compliance: compliance, days: days)
        let store = store
        let owner = owner
        let now = now
        let task = Task {
            await previous?.value
            var report: String?
            var failure: String?
            do {
                try Task.checkCancellation()
                report = try await forecast.run(copying: store, from: start).json()
            } catch is CancellationError {
                failure = "stopped with the server"
            } catch {
                failure = "\(error)"
            }
            try? await store.finishForecast(
                campaignId: campaignId, owner: owner, report: report, failure: failure, now: now())
            self.finished(campaignId)
        }
        running[campaignId] = task
        last = task
    }

    private func finished(_ campaignId: Int64) {
        running[campaignId] = nil
    }
}
