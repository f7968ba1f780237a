import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// A new agent row with the same texts as agent `id` (a clone owns its agent); returns its id.
    func copyAgent(_ db: any SQLDatabase, id: Int64, now: Date) async throws -> Int64 {
        try await insertReturningId(
            db,
            """
            INSERT INTO agents (org_id, name, greeting, prompt, voicemail_message, callbacks, created_at)
            SELECT org_id, name, greeting, prompt, voicemail_message, callbacks, \(bind: Millis.from(now))
            FROM agents WHERE id = \(bind: id)
            """)
    }

    /// Gives a campaign's inline agent new texts. An agent row another campaign also uses is never changed: the
    /// campaign gets a row of its own (copy on write).
    func updateAgent(_ db: any SQLDatabase, campaign: Campaign, profile: AgentProfile, now: Date) async throws {
        let shared =
            try await db.raw(
                """
                SELECT 1 AS hit FROM campaigns WHERE agent_id = \(bind: campaign.agentId) AND id <> \(bind: campaign.id)
                LIMIT 1
                """
            ).first() != nil
        if shared {
            let agentId = try await insertAgent(db, orgId: campaign.orgId, profile: profile, now: now)
            try await db.raw("UPDATE campaigns SET agent_id = \(bind: agentId) WHERE id = \(bind: campaign.id)").run()
            return
        }
        try await db.raw(
            """
            UPDATE agents SET name = \(bind: profile.name), greeting = \(bind: profile.greeting),
            prompt = \(bind: profile.prompt), voicemail_message = \(bind: profile.voicemailMessage),
            callbacks = \(bind: profile.callbacks ? 1 : 0) WHERE id = \(bind: campaign.agentId)
            """
        ).run()
    }
}
