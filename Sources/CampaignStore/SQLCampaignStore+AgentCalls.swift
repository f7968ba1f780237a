import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: AgentCallStore {
    public func agentCallRow(callId: Int64) async throws -> AgentCallRow? {
        try await read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT id, org_id, campaign_id, lead_id, carrier_id, call_state, to_number, from_number
                    FROM calls WHERE id = \(bind: callId)
                    """
                ).first()
            else { return nil }
            let state = try row.decode(column: "call_state", as: String.self)
            return AgentCallRow(
                callId: try row.decode(column: "id", as: Int64.self),
                orgId: try row.decode(column: "org_id", as: Int64.self),
                campaignId: try row.decode(column: "campaign_id", as: Int64.self),
                leadId: try row.decode(column: "lead_id", as: Int64.self),
                carrierId: try row.decode(column: "carrier_id", as: Int64?.self),
                state: CallState(rawValue: state) ?? .queued,
                to: try row.decode(column: "to_number", as: String.self),
                from: try row.decode(column: "from_number", as: String.self))
        }
    }

    public func carrierKind(callId: Int64) async throws -> CarrierKind? {
        try await read { db in
            try await db.raw(
                """
                SELECT carriers.kind FROM calls JOIN carriers ON carriers.id = calls.carrier_id
                WHERE calls.id = \(bind: callId)
                """
            ).first()?.decode(column: "kind", as: String.self)
        }.flatMap { CarrierKind(rawValue: $0) }
    }

    public func carrierPassword(orgId: Int64, carrierId: Int64) async throws -> String? {
        try await read { db in
            let password = try await db.raw(
                "SELECT password FROM carriers WHERE id = \(bind: carrierId) AND org_id = \(bind: orgId)"
            ).first()?.decode(column: "password", as: String?.self)
            return password.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    public func issueAgentToken(callId: Int64, orgId: Int64, tokenHash: String, now: Date) async throws {
        try await transaction("issueAgentToken") { db in
            try await db.raw(
                """
                INSERT INTO call_agent_reports (call_id, org_id, token_hash, issued_at)
                VALUES (\(bind: callId), \(bind: orgId), \(bind: tokenHash), \(bind: Millis.from(now)))
                ON CONFLICT (call_id) DO UPDATE SET token_hash = excluded.token_hash, issued_at = excluded.issued_at
                """
            ).run()
        }
    }

    public func agentTokenHash(callId: Int64) async throws -> String? {
        try await read { db in
            try await db.raw("SELECT token_hash FROM call_agent_reports WHERE call_id = \(bind: callId)").first()?
                .decode(column: "token_hash", as: String.self)
        }
    }

    public func recordAgentReport(
        callId: Int64, _ report: AgentReport, now: Date
    ) async throws -> AgentReportRecording {
        try await transaction("recordAgentReport") { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT r.reported_at, r.disposition, r.turns, r.transcript, r.callback_at, c.state
                    FROM call_agent_reports r JOIN calls c ON c.id = r.call_id WHERE r.call_id = \(bind: callId)
                    """
                ).first()
            else { return .unknownCall }
            if try row.decode(column: "reported_at", as: Int64?.self) != nil {
                return try Self.decodeReport(row) == report ? .repeated : .conflicting
            }
            if try row.decode(column: "state", as: String.self) == "ended" { return .tooLate }
            // Take the call's row (a no-op write) and look at its state again: on PostgreSQL this waits for an end
            // being recorded at this moment and then sees it, so a report is never stored after the end that
            // should have taken it (``takeAgentReports``).
            let open = try await db.raw(
                "UPDATE calls SET state = state WHERE id = \(bind: callId) AND state <> 'ended' RETURNING id"
            ).first()
            guard open != nil else { return .tooLate }
            try await db.raw(
                """
                UPDATE call_agent_reports SET disposition = \(bind: report.disposition), turns = \(bind: report.turns),
                transcript = \(bind: report.transcript), callback_at = \(bind: report.callbackAt.map(Millis.from)),
                reported_at = \(bind: Millis.from(now))
                WHERE call_id = \(bind: callId)
                """
            ).run()
            return .recorded
        }
    }

    public func agentReport(callId: Int64) async throws -> AgentReport? {
        try await read { db in
            try await db.raw(
                """
                SELECT disposition, turns, transcript, callback_at FROM call_agent_reports
                WHERE call_id = \(bind: callId) AND reported_at IS NOT NULL
                """
            ).first().map(Self.decodeReport)
        }
    }

    public func transcripts(orgId: Int64, callIds: [Int64]) async throws -> [Int64: String] {
        guard !callIds.isEmpty else { return [:] }
        return try await read { db in try await reportedTranscripts(db, orgId: orgId, callIds: callIds) }
    }

    /// The reported, non-empty transcripts of these calls of the organisation.
    func reportedTranscripts(_ db: any SQLDatabase, orgId: Int64, callIds: [Int64]) async throws -> [Int64: String] {
        var found: [Int64: String] = [:]
        for start in stride(from: 0, to: callIds.count, by: 500) {
            let chunk = Array(callIds[start..<min(start + 500, callIds.count)])
            for row in try await db.raw(
                """
                SELECT call_id, transcript FROM call_agent_reports WHERE org_id = \(bind: orgId)
                AND reported_at IS NOT NULL AND transcript <> '' AND call_id IN (\(binds: chunk))
                """
            ).all() {
                found[try row.decode(column: "call_id", as: Int64.self)] = try row.decode(
                    column: "transcript", as: String.self)
            }
        }
        return found
    }

    private static func decodeReport(_ row: any SQLRow) throws -> AgentReport {
        AgentReport(
            disposition: try row.decode(column: "disposition", as: String?.self),
            turns: Int(try row.decode(column: "turns", as: Int64?.self) ?? 0),
            transcript: try row.decode(column: "transcript", as: String?.self) ?? "",
            callbackAt: try row.decode(column: "callback_at", as: Int64?.self).map(Millis.date))
    }
}
