import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func recordProgress(_ updates: [CallProgress], now: Date) async throws -> Set<Int64> {
        guard !updates.isEmpty else { return [] }
        return try await transaction { db in
            var sql = HotStatement(
                "WITH v (id, call_state, call_rank, provider_call_id, answered_at, answered_by) AS (VALUES ")
            sql.rows(
                updates.map { update in
                    [
                        .integer(update.callId), .text(update.state.rawValue), .integer(Int64(update.state.rank)),
                        Self.hot(update.providerCallId),
                        Self.hot(update.state == .answered ? Millis.from(update.at) : nil),
                        Self.hot(update.answeredBy?.rawValue),
                    ]
                })
            sql.append(
                """
                ) \(dialect.updateInTransaction) calls SET call_state = v.call_state,
                provider_call_id = COALESCE(v.provider_call_id, calls.provider_call_id),
                answered_at = COALESCE(calls.answered_at, v.answered_at),
                answered_by = COALESCE(calls.answered_by, v.answered_by)
                FROM v WHERE calls.id = v.id AND calls.state <> 'ended' AND \(Self.callStateRank("calls.call_state")) < v.call_rank
                RETURNING calls.id AS id
                """)
            return Set(try await run(sql, db, columns: ["id"]).map { try $0.integer("id") })
        }
    }

    public func renewLeases(callIds: [Int64], owner: String, until: Date, now: Date) async throws -> Set<Int64> {
        guard !callIds.isEmpty else { return [] }
        return try await transaction { db in
            var sql = HotStatement("\(dialect.updateInTransaction) calls SET lease_expires = ")
            sql.bind(Millis.from(until))
            sql.append(" WHERE state <> 'ended' AND lease_owner = ")
            sql.bind(owner)
            sql.append(" AND id IN (")
            sql.rows(callIds.map { [.integer($0)] }, parenthesized: false)
            sql.append(") RETURNING id")
            return Set(try await run(sql, db, columns: ["id"]).map { try $0.integer("id") })
        }
    }

    public func callState(callId: Int64) async throws -> CallState? {
        try await read { db in
            try await db.raw("SELECT call_state FROM calls WHERE id = \(bind: callId)").first()
                .flatMap { CallState(rawValue: try $0.decode(column: "call_state", as: String.self)) }
        }
    }

    /// The SQL rank of a `call_state` column, in ``CallState/rank`` order.
    static func callStateRank(_ column: String) -> String {
        "CASE \(column) "
            + CallState.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.rank) " }.joined() + "ELSE 0 END"
    }
}
