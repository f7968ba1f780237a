import Foundation
import SQLKit

extension SQLCampaignStore: SimulationLeaseStore {
    public func simulationHolder(campaignId: Int64) async throws -> SimulationLeaseState? {
        try await serial { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT host, pid, start_token, expires_at FROM simulation_leases
                    WHERE campaign_id = \(bind: campaignId)
                    """
                ).first()
            else { return nil }
            return SimulationLeaseState(
                holder: SimulationHolder(
                    host: try row.decode(column: "host", as: String.self),
                    pid: Int32(clamping: try row.decode(column: "pid", as: Int64.self)),
                    startToken: try row.decode(column: "start_token", as: String.self)),
                expires: Millis.date(try row.decode(column: "expires_at", as: Int64.self)))
        }
    }

    public func claimSimulation(
        campaignId: Int64, holder: SimulationHolder, until: Date, replacing: SimulationHolder?
    ) async throws -> Bool {
        try await transaction { db in
            let expires = Millis.from(until)
            if try await updateHolder(db, campaignId: campaignId, from: holder, to: holder, expires: expires) {
                return true
            }
            if let replacing {
                return try await updateHolder(db, campaignId: campaignId, from: replacing, to: holder, expires: expires)
            }
            return try await !db.raw(
                """
                INSERT INTO simulation_leases (campaign_id, host, pid, start_token, expires_at)
                VALUES (\(bind: campaignId), \(bind: holder.host), \(bind: Int64(holder.pid)),
                \(bind: holder.startToken), \(bind: expires))
                ON CONFLICT (campaign_id) DO NOTHING RETURNING campaign_id
                """
            ).all().isEmpty
        }
    }

    public func renewSimulation(campaignId: Int64, holder: SimulationHolder, until: Date) async throws -> Bool {
        try await serial { db in
            try await updateHolder(db, campaignId: campaignId, from: holder, to: holder, expires: Millis.from(until))
        }
    }

    public func releaseSimulation(campaignId: Int64, holder: SimulationHolder) async throws {
        try await serial { db in
            try await db.raw(
                """
                DELETE FROM simulation_leases WHERE campaign_id = \(bind: campaignId) AND host = \(bind: holder.host)
                AND pid = \(bind: Int64(holder.pid)) AND start_token = \(bind: holder.startToken)
                """
            ).run()
        }
    }

    /// Compare and set: moves the lease from `from` to `to` only while `from` holds it.
    private func updateHolder(
        _ db: any SQLDatabase, campaignId: Int64, from: SimulationHolder, to: SimulationHolder, expires: Int64
    ) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE simulation_leases SET host = \(bind: to.host), pid = \(bind: Int64(to.pid)),
            start_token = \(bind: to.startToken), expires_at = \(bind: expires)
            WHERE campaign_id = \(bind: campaignId) AND host = \(bind: from.host) AND pid = \(bind: Int64(from.pid))
            AND start_token = \(bind: from.startToken)
            RETURNING campaign_id
            """
        ).all().isEmpty
    }
}
