import CampaignCore
import Foundation
import SQLKit

/// What a forecast reports besides the run itself.
public struct ForecastFacts: Sendable, Equatable {
    /// Calls per UTC day, `YYYY-MM-DD` → count.
    public var callsPerDay: [String: Int] = [:]
    /// Failed leads that never got a call, by reason (`no_window_overlap`, `unknown_timezone`, `opted_out`,
    /// `compliance:<rule id>` when a rule's hours never meet the window, …).
    public var neverCallable: [String: Int] = [:]
    /// Leads whose number maps to several zones, by zone set.
    public var ambiguousZones: [String: Int] = [:]

    /// Creates empty facts.
    public init() {}
}

extension SQLCampaignStore {
    /// Writes a consistent copy of the whole database to `path` (which must not exist). The copy is one read
    /// transaction on a connection of its own (not a `query_only` reader, which SQLite refuses `VACUUM INTO`), so
    /// the writer goes on meanwhile.
    public func snapshot(to path: String) async throws {
        guard let statement = dialect.snapshot(toQuotedPath: "'" + path + "'") else {
            throw StoreError.unavailable("snapshots are for SQLite files")
        }
        guard !path.contains("'") else { throw StoreError.unavailable("snapshot path may not contain quotes") }
        guard let source = self.path else {
            try await serial { db in try await db.raw(SQLQueryString(statement)).run() }
            return
        }
        let handle: SQLiteHandle
        do {
            handle = try SQLiteHandle.open(path: source, create: false)
        } catch {
            throw Self.wrap(error, while: "snapshot")
        }
        defer { handle.close() }
        do {
            for setting in dialect.snapshotSettings { try await handle.execute(setting) { _ in } }
            try await handle.execute(statement) { _ in }
        } catch {
            throw Self.wrap(error, while: "snapshot")
        }
    }

    /// Calls per day (of the current run), never-callable leads and zone ambiguity of a campaign.
    public func forecastFacts(campaignId: Int64) async throws -> ForecastFacts {
        try await read { db in
            var facts = ForecastFacts()
            let days = try await db.raw(
                """
                SELECT queued_at FROM calls WHERE campaign_id = \(bind: campaignId)
                AND generation = (SELECT generation FROM campaigns WHERE id = \(bind: campaignId)) ORDER BY queued_at
                """
            ).all()
            for row in days {
                let day = String(
                    ISOTime.format(Millis.date(try row.decode(column: "queued_at", as: Int64.self))).prefix(10))
                facts.callsPerDay[day, default: 0] += 1
            }
            let never = try await db.raw(
                """
                SELECT last_outcome, COUNT(*) AS n FROM leads l WHERE campaign_id = \(bind: campaignId)
                AND status <> 'pending' AND status = 'failed' AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.lead_id = l.id)
                """ + visibleOnly(campaignId: campaignId) + " GROUP BY last_outcome"
            ).all()
            for row in never {
                let reason = try row.decode(column: "last_outcome", as: String?.self) ?? "unknown"
                facts.neverCallable[reason] = try row.decode(column: "n", as: Int.self)
            }
            // Grouped by dial key (`zones#rules`); the zones part alone says whether the number is ambiguous.
            let keys = try await db.raw(
                """
                SELECT z.zone_key, COUNT(*) AS n FROM leads l JOIN zone_keys z ON z.id = l.zone_id
                WHERE l.campaign_id = \(bind: campaignId) AND z.zone_key LIKE '%|%'
                """ + visibleOnly(campaignId: campaignId) + " GROUP BY z.zone_key"
            ).all()
            for row in keys {
                let zones = DialKey.zoneKey(of: try row.decode(column: "zone_key", as: String.self))
                guard zones.contains("|") else { continue }
                facts.ambiguousZones[zones, default: 0] += try row.decode(column: "n", as: Int.self)
            }
            return facts
        }
    }
}
