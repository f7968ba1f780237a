import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// Gives each call that has just ended the report its agent stored (SPEC §12: a call is final with its agent's
    /// result), in the transaction that ends it. It runs after the calls' rows were ended, so on PostgreSQL it reads
    /// only after any report transaction holding a call's row has committed; and ``recordAgentReport(callId:_:now:)``
    /// takes the call's row before it stores, so a report either lands before the end (and is used here) or finds the
    /// call ended (and is refused as too late). No report is ever answered 200 and then left out.
    func takeAgentReports(
        _ db: any SQLDatabase, _ fenced: [FencedCall], into results: inout [Int64: CallResult]
    ) async throws {
        guard hasAgentReports else { return }
        var select = HotStatement(
            """
            SELECT call_id, disposition, turns, callback_at FROM call_agent_reports
            WHERE reported_at IS NOT NULL AND call_id IN (
            """)
        select.rows(fenced.map { [.integer($0.callId)] }, parenthesized: false)
        select.append(")")
        let reports = try await run(select, db, columns: ["call_id", "disposition", "turns", "callback_at"])
        guard !reports.isEmpty else { return }
        let calls = Dictionary(fenced.map { ($0.callId, $0) }, uniquingKeysWith: { first, _ in first })
        for report in reports {
            let callId = try report.integer("call_id")
            guard let call = calls[callId], let ended = results[callId] else { continue }
            let result = ended.finalized(
                disposition: try report.optionalText("disposition"),
                turns: Int(try report.optionalInteger("turns") ?? 0),
                callbackAt: try report.optionalInteger("callback_at").map(Millis.date),
                answeredAt: call.answeredAt.map(Millis.date),
                answeredBy: call.answeredBy.flatMap(AnsweredBy.init(rawValue:)))
            results[callId] = result
            try await db.raw(
                """
                UPDATE calls SET outcome = \(bind: result.outcome.rawValue),
                answered_at = \(bind: Millis.from(result.answeredAt)),
                answered_by = \(bind: result.answeredBy?.rawValue), turns = \(bind: result.turns),
                disposition = \(bind: result.disposition), callback_at = \(bind: Millis.from(result.callbackAt))
                WHERE id = \(bind: callId)
                """
            ).run()
        }
    }

    /// Whether the schema has the agents' reports (``agentCallVersion``; a test may hold a store on an older schema).
    var hasAgentReports: Bool {
        guard let schemaLimit else { return true }
        return migrations.firstIndex(of: agentCallVersion).map { schemaLimit > $0 } ?? false
    }
}
