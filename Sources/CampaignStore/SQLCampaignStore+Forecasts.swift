import Foundation
import SQLKit

extension SQLCampaignStore: ForecastStore {
    /// Migration: each campaign's latest background forecast (SPEC §11's forecast over HTTP).
    var forecastVersion: [String] {
        [
            """
            CREATE TABLE forecasts (campaign_id BIGINT PRIMARY KEY REFERENCES campaigns(id), org_id BIGINT NOT NULL,
            cache_key TEXT NOT NULL, state TEXT NOT NULL, owner TEXT NOT NULL, requested_at BIGINT NOT NULL,
            finished_at BIGINT, report TEXT, failure TEXT)
            """
        ]
    }

    public func forecast(orgId: Int64, campaignId: Int64) async throws -> StoredForecast? {
        try await read { db in
            try await db.raw(
                """
                SELECT campaign_id, cache_key, state, owner, requested_at, finished_at, report, failure FROM forecasts
                WHERE org_id = \(bind: orgId) AND campaign_id = \(bind: campaignId)
                """
            ).first().map(Self.storedForecast)
        }
    }

    public func claimForecast(
        orgId: Int64, campaignId: Int64, cacheKey: String, owner: String, now: Date, abandonedBefore: Date
    ) async throws -> StoredForecast? {
        try await transaction { db in
            if let row = try await db.raw(
                """
                SELECT campaign_id, cache_key, state, owner, requested_at, finished_at, report, failure FROM forecasts
                WHERE campaign_id = \(bind: campaignId)
                """
            ).first() {
                let current = try Self.storedForecast(row)
                if current.state == .running, current.requestedAt >= abandonedBefore { return current }
                try await db.raw(
                    """
                    UPDATE forecasts SET cache_key = \(bind: cacheKey), state = 'running', owner = \(bind: owner),
                    requested_at = \(bind: Millis.from(now)), finished_at = NULL, report = NULL, failure = NULL
                    WHERE campaign_id = \(bind: campaignId)
                    """
                ).run()
                return nil
            }
            try await db.raw(
                """
                INSERT INTO forecasts (campaign_id, org_id, cache_key, state, owner, requested_at)
                VALUES (\(bind: campaignId), \(bind: orgId), \(bind: cacheKey), 'running', \(bind: owner),
                \(bind: Millis.from(now)))
                """
            ).run()
            return nil
        }
    }

    public func finishForecast(
        campaignId: Int64, owner: String, report: String?, failure: String?, now: Date
    ) async throws {
        let state: ForecastState = report == nil ? .failed : .done
        try await serial { db in
            try await db.raw(
                """
                UPDATE forecasts SET state = \(bind: state.rawValue), finished_at = \(bind: Millis.from(now)),
                report = \(bind: report), failure = \(bind: failure)
                WHERE campaign_id = \(bind: campaignId) AND owner = \(bind: owner) AND state = 'running'
                """
            ).run()
        }
    }

    static func storedForecast(_ row: any SQLRow) throws -> StoredForecast {
        StoredForecast(
            campaignId: try row.decode(column: "campaign_id", as: Int64.self),
            cacheKey: try row.decode(column: "cache_key", as: String.self),
            state: ForecastState(rawValue: try row.decode(column: "state", as: String.self)) ?? .failed,
            owner: try row.decode(column: "owner", as: String.self),
            requestedAt: Millis.date(try row.decode(column: "requested_at", as: Int64.self)),
            finishedAt: try row.decode(column: "finished_at", as: Int64?.self).map(Millis.date),
            report: try row.decode(column: "report", as: String?.self),
            failure: try row.decode(column: "failure", as: String?.self))
    }
}
