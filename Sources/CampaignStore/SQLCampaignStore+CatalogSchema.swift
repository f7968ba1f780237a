extension SQLCampaignStore {
    /// The catalog migration: every carrier column of SPEC §11 (address, credentials, ring timeout, and the rate as
    /// integer micro-units per minute with its billing increment, which the cost rule reads), `sip-trunk` carriers
    /// renamed `sip`, an agent's stream URL, and the indexes the catalog's pages and in-use checks read.
    var catalogVersion: [String] {
        [
            "ALTER TABLE carriers ADD COLUMN address TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE carriers ADD COLUMN username TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE carriers ADD COLUMN password TEXT",
            "ALTER TABLE carriers ADD COLUMN ring_timeout_seconds BIGINT NOT NULL DEFAULT 30",
            // Millionths of the currency per minute (0.012 is 12000); NULL while no rate is known.
            "ALTER TABLE carriers ADD COLUMN rate_per_minute BIGINT",
            "ALTER TABLE carriers ADD COLUMN billing_increment_seconds BIGINT NOT NULL DEFAULT 60",
            "UPDATE carriers SET kind = 'sip' WHERE kind = 'sip-trunk'",
            "ALTER TABLE agents ADD COLUMN stream_url TEXT",
            "CREATE INDEX agents_org ON agents (org_id, id)",
            "CREATE INDEX campaigns_agent ON campaigns (agent_id)",
            "CREATE INDEX phone_numbers_carrier ON phone_numbers (carrier_id)",
        ]
    }
}
