import SQLKit

extension SQLCampaignStore {
    /// The schema, one list of statements per version; applied in order, each version in one transaction.
    var migrations: [[String]] {
        let id = dialect.identityColumn
        return [
            [
                "CREATE TABLE organizations (id \(id), name TEXT NOT NULL, created_at BIGINT NOT NULL)",
                """
                CREATE TABLE agents (id \(id), org_id BIGINT NOT NULL REFERENCES organizations(id), name TEXT NOT NULL,
                greeting TEXT NOT NULL, prompt TEXT NOT NULL, voicemail_message TEXT NOT NULL,
                callbacks BIGINT NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE phone_numbers (id \(id), org_id BIGINT NOT NULL REFERENCES organizations(id),
                e164 TEXT NOT NULL, label TEXT NOT NULL, outbound BIGINT NOT NULL, created_at BIGINT NOT NULL,
                UNIQUE (org_id, e164))
                """,
                """
                CREATE TABLE campaigns (id \(id), org_id BIGINT NOT NULL REFERENCES organizations(id),
                agent_id BIGINT NOT NULL REFERENCES agents(id), name TEXT NOT NULL, status TEXT NOT NULL,
                settings TEXT NOT NULL, has_run BIGINT NOT NULL, generation BIGINT NOT NULL,
                run_started_at BIGINT, next_seq BIGINT NOT NULL, created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE leads (id \(id), org_id BIGINT NOT NULL, campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
                seq BIGINT NOT NULL, source_line BIGINT NOT NULL, numbers TEXT NOT NULL, primary_number TEXT NOT NULL,
                zone_key TEXT NOT NULL, timezone_source TEXT NOT NULL, variables TEXT NOT NULL, status TEXT NOT NULL,
                attempts BIGINT NOT NULL, pass BIGINT NOT NULL, number_index BIGINT NOT NULL,
                current_number TEXT NOT NULL, stopped TEXT NOT NULL, callbacks BIGINT NOT NULL,
                priority BIGINT NOT NULL, next_at BIGINT NOT NULL, last_outcome TEXT, last_disposition TEXT,
                updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX leads_campaign ON leads (campaign_id, status)",
                "CREATE INDEX leads_order ON leads (campaign_id, seq)",
                """
                CREATE INDEX leads_queue ON leads (campaign_id, priority DESC, pass, seq, zone_key)
                WHERE status = 'pending'
                """,
                "CREATE INDEX leads_waiting ON leads (campaign_id, next_at) WHERE status = 'waiting'",
                "CREATE INDEX leads_zone ON leads (campaign_id, zone_key) WHERE status = 'pending'",
                """
                CREATE TABLE calls (id \(id), org_id BIGINT NOT NULL, campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
                lead_id BIGINT NOT NULL REFERENCES leads(id), generation BIGINT NOT NULL, attempt BIGINT NOT NULL,
                pass BIGINT NOT NULL, number_index BIGINT NOT NULL, to_number TEXT NOT NULL, from_number TEXT NOT NULL,
                contact_timezone TEXT NOT NULL, queued_at BIGINT NOT NULL, started_at BIGINT, answered_at BIGINT,
                ended_at BIGINT, outcome TEXT, answered_by TEXT, duration_seconds BIGINT, turns BIGINT,
                disposition TEXT, callback_at BIGINT, state TEXT NOT NULL, lease_owner TEXT NOT NULL,
                lease_expires BIGINT NOT NULL)
                """,
                "CREATE INDEX calls_live ON calls (campaign_id, lease_expires) WHERE state = 'live'",
                "CREATE INDEX calls_lapsed ON calls (lease_expires) WHERE state = 'live'",
                "CREATE INDEX calls_queued ON calls (campaign_id, queued_at)",
                """
                CREATE TABLE opt_outs (org_id BIGINT NOT NULL, e164 TEXT NOT NULL, source TEXT NOT NULL,
                created_at BIGINT NOT NULL, PRIMARY KEY (org_id, e164))
                """,
                """
                CREATE TABLE campaign_zones (campaign_id BIGINT NOT NULL, zone_key TEXT NOT NULL,
                PRIMARY KEY (campaign_id, zone_key))
                """,
                """
                CREATE TABLE events (id \(id), org_id BIGINT NOT NULL, campaign_id BIGINT, type TEXT NOT NULL,
                payload TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                "CREATE TABLE simulation_clocks (campaign_id BIGINT PRIMARY KEY, now_at BIGINT NOT NULL)",
            ],
            [
                "ALTER TABLE campaigns ADD COLUMN sweep_pass BIGINT NOT NULL DEFAULT 1",
                "ALTER TABLE organizations ADD COLUMN concurrency_cap BIGINT",
                """
                CREATE TABLE carriers (id \(id), org_id BIGINT NOT NULL REFERENCES organizations(id),
                name TEXT NOT NULL, kind TEXT NOT NULL, calls_per_second BIGINT, created_at BIGINT NOT NULL,
                UNIQUE (org_id, name))
                """,
                "ALTER TABLE phone_numbers ADD COLUMN carrier_id BIGINT",
                "ALTER TABLE calls ADD COLUMN carrier_id BIGINT",
                "CREATE INDEX calls_org_live ON calls (org_id) WHERE state = 'live'",
                """
                CREATE INDEX leads_open_pass ON leads (campaign_id, pass)
                WHERE status IN ('pending', 'waiting', 'in_progress')
                """,
                "CREATE INDEX calls_carrier ON calls (carrier_id, queued_at) WHERE carrier_id IS NOT NULL",
                """
                CREATE TABLE exclusions (org_id BIGINT NOT NULL, campaign_id BIGINT NOT NULL, e164 TEXT NOT NULL,
                created_at BIGINT NOT NULL, PRIMARY KEY (campaign_id, e164))
                """,
            ],
            [
                "ALTER TABLE leads ADD COLUMN number_variables TEXT NOT NULL DEFAULT '[]'",
                "ALTER TABLE leads ADD COLUMN number_types TEXT NOT NULL DEFAULT ''",
            ],
            [
                // Every attempt adds and removes a live call in each index on live calls; calls_live (by campaign)
                // serves the organisation-wide and all-campaign lookups too, through the campaigns table.
                "DROP INDEX calls_org_live",
                "DROP INDEX calls_lapsed",
            ],
            leadRowVersion5,
            zoneKeyVersion6,
            complianceVersion7,
            runVersion8,
            Self.callStateVersion9,
            Self.stagedImportVersion10,
            accessVersion11,
            forecastVersion,
            auditVersion,
            catalogVersion,
            sessionVersion,
            statsRollupVersion,
            importErrorsVersion,
            leadCountsVersion,
            webhookVersion,
            dashboardVersion,
            agentCallVersion,
            webhookQueueVersion,
            testCallVersion,
            webhookIdsVersion,
        ]
    }

    /// Applies every migration the database has not seen yet.
    public func migrate() async throws { try await migrate(through: nil) }

    /// The same, stopping after schema `last` when given (tests build older databases with it).
    func migrate(through last: Int?) async throws {
        try await transaction { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)").run()
            let current =
                try await db.raw("SELECT MAX(version) AS v FROM schema_version").first()
                .flatMap { try $0.decodeNil(column: "v") ? nil : $0.decode(column: "v", as: Int.self) } ?? 0
            guard current <= migrations.count else {
                throw StoreError.unavailable("the database was written by a newer Outbound (schema \(current))")
            }
            for (index, statements) in migrations.enumerated() where index + 1 > current && index < (last ?? .max) {
                for statement in statements { try await db.raw(SQLQueryString(statement)).run() }
                if statements == statsRollupVersion { try await backfillStatsRollups(db) }
                if statements == dashboardVersion {
                    try await fillNameKeys(db)
                    try await fillSearchKeys(db)
                }
                try await db.raw("INSERT INTO schema_version (version) VALUES (\(bind: index + 1))").run()
            }
        }
    }
}
