import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    public func createOrganization(name: String, now: Date) async throws -> Int64 {
        try await transaction { db in
            try await insertReturningId(
                db, "INSERT INTO organizations (name, created_at) VALUES (\(bind: name), \(bind: Millis.from(now)))")
        }
    }

    public func existingOrganization(named name: String) async throws -> Int64? {
        try await read { db in
            try await db.raw("SELECT id FROM organizations WHERE name = \(bind: name) ORDER BY id LIMIT 1").first()?
                .decode(column: "id", as: Int64.self)
        }
    }

    public func organization(named name: String, now: Date) async throws -> Int64 {
        try await transaction { db in
            if let row = try await db.raw("SELECT id FROM organizations WHERE name = \(bind: name) ORDER BY id LIMIT 1")
                .first()
            {
                return try row.decode(column: "id", as: Int64.self)
            }
            return try await insertReturningId(
                db, "INSERT INTO organizations (name, created_at) VALUES (\(bind: name), \(bind: Millis.from(now)))")
        }
    }

    public func createAgent(orgId: Int64, profile: AgentProfile, now: Date) async throws -> Int64 {
        try await transaction { db in
            try await insertAgent(db, orgId: orgId, profile: profile, now: now)
        }
    }

    public func createCampaign(
        orgId: Int64, agentId: Int64, settings: CampaignSettings, now: Date
    ) async throws
        -> Int64
    {
        // The store has no phone metadata: callers check numbering plans (App.numberValidator) before this.
        try settings.validate(numbers: WellFormedNumbers())
        return try await transaction { db in
            guard
                try await db.raw("SELECT id FROM agents WHERE id = \(bind: agentId) AND org_id = \(bind: orgId)")
                    .first() != nil
            else { throw StoreError.agentNotFound(agentId) }
            try await insertNumbers(db, orgId: orgId, numbers: settings.numberPool, outbound: true, now: now)
            let id = try await insertCampaign(db, orgId: orgId, agentId: agentId, settings: settings, now: now)
            try await recordAudit(
                db, orgId: orgId, action: "campaign.create", target: ("campaign", id), detail: ["name": settings.name],
                now: now)
            return id
        }
    }

    public func campaign(id: Int64) async throws -> Campaign? {
        try await read { db in try await loadCampaign(db, id: id) }
    }

    public func agent(id: Int64) async throws -> Agent? {
        try await read { db in
            guard let row = try await db.raw("SELECT * FROM agents WHERE id = \(bind: id)").first() else { return nil }
            return try decodeAgent(row)
        }
    }

    public func addLeads(campaignId: Int64, leads: [NewLead], now: Date) async throws -> Int {
        try await transaction { db in
            guard let campaign = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            if campaign.hasRun && campaign.settings.mode != .alwaysOn {
                throw StoreError.contactsLocked(campaignId: campaignId)
            }
            return try await insertLeads(db, campaign: campaign, leads: leads, now: now)
        }
    }

    public func clone(campaignId: Int64, withContacts: Bool, now: Date) async throws -> Int64 {
        try await transaction { db in
            guard let source = try await loadCampaign(db, id: campaignId) else {
                throw StoreError.campaignNotFound(campaignId)
            }
            var settings = source.settings
            settings.name = "\(settings.name) (copy)"
            let agentId = try await copyAgent(db, id: source.agentId, now: now)
            let newId = try await insertCampaign(
                db, orgId: source.orgId, agentId: agentId, settings: settings, now: now)
            try await recordAudit(
                db, orgId: source.orgId, action: "campaign.clone", target: ("campaign", newId),
                detail: ["from": "\(campaignId)", "withContacts": "\(withContacts)"], now: now)
            guard withContacts else { return newId }
            let nameKey = hasNameKeys ? ", name_key" : ""
            try await db.raw(
                """
                INSERT INTO leads (org_id, campaign_id, seq, source_line, numbers, zone_id, timezone_source,
                layout_id, variables, status, attempts, pass, number_index, stopped, callbacks, priority, next_at,
                updated_at, number_variables, number_types\(unsafeRaw: nameKey))
                SELECT org_id, \(bind: newId), seq, source_line, numbers, zone_id, timezone_source, layout_id,
                variables, 'pending', 0, 1, 0, '', 0, 0, 0, \(bind: Millis.from(now)), number_variables,
                number_types\(unsafeRaw: nameKey)
                FROM leads WHERE campaign_id = \(bind: campaignId) AND status <> 'excluded'
                """ + visibleOnly(campaignId: campaignId) + " ORDER BY seq"
            ).run()
            if hasNameKeys { try await copySearchKeys(db, from: campaignId, to: newId) }
            try await db.raw(
                """
                INSERT INTO campaign_zones (campaign_id, zone_key)
                SELECT \(bind: newId), zone_key FROM campaign_zones WHERE campaign_id = \(bind: campaignId)
                """
            ).run()
            try await db.raw(
                """
                UPDATE campaigns SET next_seq = (SELECT next_seq FROM campaigns WHERE id = \(bind: campaignId))
                WHERE id = \(bind: newId)
                """
            ).run()
            try await addLeadCounts(db, campaignId: newId, fromSeq: 0)
            return newId
        }
    }

    func insertReturningId(_ db: any SQLDatabase, _ query: SQLQueryString) async throws -> Int64 {
        var sql = query
        sql.appendLiteral(" RETURNING id")
        guard let row = try await db.raw(sql).first() else { throw StoreError.database("insert returned no id") }
        return try row.decode(column: "id", as: Int64.self)
    }

    func insertAgent(_ db: any SQLDatabase, orgId: Int64, profile: AgentProfile, now: Date) async throws -> Int64 {
        try await insertReturningId(
            db,
            """
            INSERT INTO agents (org_id, name, greeting, prompt, voicemail_message, callbacks, created_at)
            VALUES (\(bind: orgId), \(bind: profile.name), \(bind: profile.greeting), \(bind: profile.prompt),
            \(bind: profile.voicemailMessage), \(bind: profile.callbacks ? 1 : 0), \(bind: Millis.from(now)))
            """)
    }

    func insertNumbers(
        _ db: any SQLDatabase, orgId: Int64, numbers: [String], outbound: Bool, now: Date
    )
        async throws
    {
        for number in numbers {
            try await db.raw(
                """
                INSERT INTO phone_numbers (org_id, e164, label, outbound, created_at)
                VALUES (\(bind: orgId), \(bind: number), '', \(bind: outbound ? 1 : 0), \(bind: Millis.from(now)))
                ON CONFLICT (org_id, e164) DO NOTHING
                """
            ).run()
        }
    }

    func insertCampaign(
        _ db: any SQLDatabase, orgId: Int64, agentId: Int64, settings: CampaignSettings, now: Date
    )
        async throws -> Int64
    {
        let json = String(decoding: settings.jsonData(), as: UTF8.self)
        let millis = Millis.from(now)
        return try await insertReturningId(
            db,
            """
            INSERT INTO campaigns (org_id, agent_id, name, status, settings, has_run, generation, next_seq,
            created_at, updated_at)
            VALUES (\(bind: orgId), \(bind: agentId), \(bind: settings.name), 'draft', \(bind: json), 0, 1, 0,
            \(bind: millis), \(bind: millis))
            """)
    }

    static func encodeVariables(_ variables: [String: String]) -> String { JSONText.object(variables) }
}
