import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// Holds back the due leads whose number a frequency cap has reached (attempts to it across every campaign of
    /// the organisation, the ones this lease takes included): each waits until its cap frees, exactly then, with
    /// the rule named in `blocked_by`. Returns the leads that may be dialled now. One indexed read of the recent
    /// attempts to the capped numbers (index `calls_to_number`), one update per held lead.
    func holdCappedLeads(
        _ db: any SQLDatabase, candidates: [LeaseCandidate], request: LeaseRequest, waits: inout [String: Int]
    ) async throws -> [LeaseCandidate] {
        let capped = candidates.filter { request.caps[$0.zoneKey] != nil }
        guard !capped.isEmpty else { return candidates }
        let longest = capped.flatMap { request.caps[$0.zoneKey] ?? [] }.map(\.cap.window).max() ?? 0
        var attempts = try await recentAttempts(
            db, orgId: request.campaign.orgId, numbers: capped.map(\.currentNumber),
            since: request.now.addingTimeInterval(-longest))
        // Every attempt to a number counts, a lead's without caps too: the uncapped leads this lease takes dial at
        // this instant whatever their place in the batch.
        for candidate in candidates where request.caps[candidate.zoneKey] == nil {
            attempts[candidate.currentNumber, default: []].append(request.now)
        }
        var kept: [LeaseCandidate] = []
        for candidate in candidates {
            guard let caps = request.caps[candidate.zoneKey] else {
                kept.append(candidate)
                continue
            }
            let earlier = attempts[candidate.currentNumber] ?? []
            let reached = caps.compactMap { entry -> (ruleId: String, frees: Date)? in
                let frees = entry.cap.freesAt(atOrAfter: request.now, attempts: earlier)
                return frees > request.now ? (entry.ruleId, frees) : nil
            }
            guard let first = reached.first, let frees = reached.map(\.frees).max() else {
                attempts[candidate.currentNumber, default: []].append(request.now)
                kept.append(candidate)
                continue
            }
            try await db.raw(
                """
                UPDATE leads SET status = 'waiting', next_at = \(bind: Millis.from(frees)),
                blocked_by = \(bind: first.ruleId), updated_at = \(bind: Millis.from(request.now))
                WHERE id = \(bind: candidate.id) AND status = 'pending'
                """
            ).run()
            waits[first.ruleId, default: 0] += 1
        }
        return kept
    }

    /// When each of `numbers` was dialled since `since`, across the organisation's campaigns.
    private func recentAttempts(
        _ db: any SQLDatabase, orgId: Int64, numbers: [String], since: Date
    ) async throws -> [String: [Date]] {
        let rows = try await db.raw(
            """
            SELECT to_number, queued_at FROM calls WHERE org_id = \(bind: orgId)
            AND to_number IN (\(binds: Array(Set(numbers)))) AND queued_at > \(bind: Millis.from(since))
            """
        ).all()
        var attempts: [String: [Date]] = [:]
        for row in rows {
            let number = try row.decode(column: "to_number", as: String.self)
            attempts[number, default: []].append(Millis.date(try row.decode(column: "queued_at", as: Int64.self)))
        }
        return attempts
    }
}
