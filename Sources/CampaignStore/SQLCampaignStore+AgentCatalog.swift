import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore: CatalogStore {
    public func agents(orgId: Int64, nameContains: String?, afterId: Int64?, limit: Int) async throws -> [Agent] {
        try await read { db in
            var sql: SQLQueryString =
                "SELECT * FROM agents WHERE org_id = \(bind: orgId) AND id > \(bind: afterId ?? 0)"
            if let text = nameContains, !text.isEmpty {
                sql += " AND name LIKE \(bind: Self.likePattern(text)) ESCAPE '\\'"
            }
            sql += " ORDER BY id LIMIT \(bind: limit)"
            return try await db.raw(sql).all().map(Self.agent(from:))
        }
    }

    public func agent(orgId: Int64, id: Int64) async throws -> Agent? {
        try await read { db in try await loadAgent(db, orgId: orgId, id: id) }
    }

    public func createAgent(orgId: Int64, profile: AgentProfile, streamUrl: String?, now: Date) async throws -> Agent {
        try await transaction { db in
            let id = try await insertAgent(db, orgId: orgId, profile: profile, now: now)
            try await db.raw("UPDATE agents SET stream_url = \(bind: streamUrl) WHERE id = \(bind: id)").run()
            try await recordAudit(
                db, orgId: orgId, action: "agent.create", target: ("agent", id), detail: ["name": profile.name],
                now: now)
            return Agent(id: id, orgId: orgId, profile: profile, streamUrl: streamUrl)
        }
    }

    public func updateAgent(
        orgId: Int64, id: Int64, profile: AgentProfile, streamUrl: String?, now: Date,
        expecting: @Sendable (Agent) -> Bool
    ) async throws -> Agent {
        try await transaction { db in
            guard let current = try await loadAgent(db, orgId: orgId, id: id) else {
                throw CatalogError.notFound(kind: "agent", id: String(id))
            }
            guard expecting(current) else { throw CatalogError.changedSince(kind: "agent", id: String(id)) }
            let millis = Millis.from(now)
            let ran = try await db.raw(
                """
                SELECT 1 AS hit FROM campaigns WHERE agent_id = \(bind: id) AND has_run = 1
                AND \(unsafeRaw: listedCampaigns) LIMIT 1
                """
            ).first()
            if ran != nil {
                let copy = try await insertReturningId(
                    db,
                    """
                    INSERT INTO agents (org_id, name, greeting, prompt, voicemail_message, callbacks, stream_url,
                    created_at) SELECT org_id, name, greeting, prompt, voicemail_message, callbacks, stream_url,
                    \(bind: millis) FROM agents WHERE id = \(bind: id)
                    """)
                try await db.raw(
                    """
                    UPDATE campaigns SET agent_id = \(bind: copy) WHERE agent_id = \(bind: id) AND has_run = 1
                    AND \(unsafeRaw: listedCampaigns)
                    """
                ).run()
            }
            try await db.raw(
                """
                UPDATE agents SET name = \(bind: profile.name), greeting = \(bind: profile.greeting),
                prompt = \(bind: profile.prompt), voicemail_message = \(bind: profile.voicemailMessage),
                callbacks = \(bind: profile.callbacks ? 1 : 0), stream_url = \(bind: streamUrl)
                WHERE id = \(bind: id) AND org_id = \(bind: orgId)
                """
            ).run()
            for row in try await db.raw("SELECT id FROM campaigns WHERE agent_id = \(bind: id)").all() {
                let campaignId = try row.decode(column: "id", as: Int64.self)
                guard var settings = try await loadCampaign(db, id: campaignId)?.settings else { continue }
                settings.agent = profile
                let json = String(decoding: settings.jsonData(), as: UTF8.self)
                try await db.raw(
                    """
                    UPDATE campaigns SET settings = \(bind: json), updated_at = \(bind: millis)
                    WHERE id = \(bind: campaignId)
                    """
                ).run()
            }
            try await recordAudit(
                db, orgId: orgId, action: "agent.update", target: ("agent", id), detail: ["name": profile.name],
                now: now)
            return Agent(id: id, orgId: orgId, profile: profile, streamUrl: streamUrl)
        }
    }

    public func deleteAgent(orgId: Int64, id: Int64, now: Date) async throws {
        try await transaction { db in
            guard try await loadAgent(db, orgId: orgId, id: id) != nil else {
                throw CatalogError.notFound(kind: "agent", id: String(id))
            }
            let users = try await db.raw(
                "SELECT id, name FROM campaigns WHERE agent_id = \(bind: id) AND org_id = \(bind: orgId) ORDER BY id"
            ).all().map(Self.campaignName(from:))
            guard users.isEmpty else { throw CatalogError.inUse(kind: "agent", id: String(id), users: users) }
            try await db.raw("DELETE FROM agents WHERE id = \(bind: id) AND org_id = \(bind: orgId)").run()
            try await recordAudit(db, orgId: orgId, action: "agent.delete", target: ("agent", id), now: now)
        }
    }

    func loadAgent(_ db: any SQLDatabase, orgId: Int64, id: Int64) async throws -> Agent? {
        try await db.raw("SELECT * FROM agents WHERE id = \(bind: id) AND org_id = \(bind: orgId)").first()
            .map(Self.agent(from:))
    }

    static func agent(from row: any SQLRow) throws -> Agent {
        Agent(
            id: try row.decode(column: "id", as: Int64.self), orgId: try row.decode(column: "org_id", as: Int64.self),
            profile: AgentProfile(
                name: try row.decode(column: "name", as: String.self),
                greeting: try row.decode(column: "greeting", as: String.self),
                prompt: try row.decode(column: "prompt", as: String.self),
                voicemailMessage: try row.decode(column: "voicemail_message", as: String.self),
                callbacks: try row.decode(column: "callbacks", as: Int.self) != 0),
            streamUrl: try row.decode(column: "stream_url", as: String?.self))
    }

    /// `campaign 4 'Spring'`, as an in-use refusal names a user.
    static func campaignName(from row: any SQLRow) throws -> String {
        "campaign \(try row.decode(column: "id", as: Int64.self)) '\(try row.decode(column: "name", as: String.self))'"
    }
}
