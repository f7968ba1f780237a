import Foundation

/// Where a campaign's latest background forecast stands.
public enum ForecastState: String, Sendable, Equatable {
    /// Running in some process.
    case running
    /// Finished; its report is kept.
    case done
    /// Failed; its reason is kept.
    case failed
}

/// A campaign's latest forecast as kept in the database, so any process on it can answer for it.
public struct StoredForecast: Sendable, Equatable {
    /// The campaign.
    public var campaignId: Int64
    /// What the forecast was computed from (the campaign's settings version and list); a request with the same key
    /// reuses a finished forecast.
    public var cacheKey: String
    /// Where it stands.
    public var state: ForecastState
    /// The process running or having run it.
    public var owner: String
    /// When it was asked for (the server's clock).
    public var requestedAt: Date
    /// When it finished or failed.
    public var finishedAt: Date?
    /// The report as JSON, once done.
    public var report: String?
    /// Why it failed.
    public var failure: String?

    /// Creates a record.
    public init(
        campaignId: Int64, cacheKey: String, state: ForecastState, owner: String, requestedAt: Date,
        finishedAt: Date? = nil, report: String? = nil, failure: String? = nil
    ) {
        self.campaignId = campaignId
        self.cacheKey = cacheKey
        self.state = state
        self.owner = owner
        self.requestedAt = requestedAt
        self.finishedAt = finishedAt
        self.report = report
        self.failure = failure
    }
}

/// The campaigns' latest forecasts (one per campaign), and the consistent copy a forecast runs on.
public protocol ForecastStore: Sendable {
    /// The organisation's campaign's latest forecast, or nil.
    func forecast(orgId: Int64, campaignId: Int64) async throws -> StoredForecast?
    /// Marks a forecast of `campaignId` as running under `owner` unless one is running already that was started by
    /// another owner at or after `abandonedBefore` (then returns that one and claims nothing). Returns nil when the
    /// claim was made.
    func claimForecast(
        orgId: Int64, campaignId: Int64, cacheKey: String, owner: String, now: Date, abandonedBefore: Date
    ) async throws -> StoredForecast?
    /// Keeps the outcome of the forecast `owner` claimed (nothing is written when another owner took it over since).
    func finishForecast(
        campaignId: Int64, owner: String, report: String?, failure: String?, now: Date
    ) async throws
    /// Writes a consistent copy of the whole database to `path` (which must not exist).
    func snapshot(to path: String) async throws
}
