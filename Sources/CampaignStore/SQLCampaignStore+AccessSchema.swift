extension SQLCampaignStore {
    /// Migration 11: who may use the server (API keys stored as SHA-256 hashes with a visible prefix; users with
    /// bcrypt password hashes), the server's shared virtual clock (one row), the replies kept for idempotency keys,
    /// and the indexes the API's keyset pages read: an organisation's campaigns by id, and a lead's calls.
    var accessVersion11: [String] {
        let id = dialect.identityColumn
        return [
            """
            CREATE TABLE api_keys (id \(id), org_id BIGINT NOT NULL REFERENCES organizations(id), name TEXT NOT NULL,
            prefix TEXT NOT NULL, secret_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, created_at BIGINT NOT NULL,
            last_used_at BIGINT, revoked_at BIGINT)
            """,
            "CREATE INDEX api_keys_org ON api_keys (org_id, id)",
            """
            CREATE TABLE users (id \(id), org_id BIGINT NOT NULL REFERENCES organizations(id), email TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL, role TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE server_clock (id BIGINT PRIMARY KEY, start_at BIGINT NOT NULL, wall_at BIGINT NOT NULL,
            speed_micros BIGINT NOT NULL)
            """,
            """
            CREATE TABLE idempotency_keys (org_id BIGINT NOT NULL, idempotency_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL, status BIGINT, headers TEXT NOT NULL, body TEXT NOT NULL,
            created_at BIGINT NOT NULL, PRIMARY KEY (org_id, idempotency_key))
            """,
            "CREATE INDEX campaigns_org ON campaigns (org_id, id)",
            "CREATE INDEX calls_lead ON calls (lead_id, id)",
        ]
    }
}
