extension SQLCampaignStore {
    /// Migration: dashboard sessions (stored as their token's SHA-256, with the CSRF token the session's unsafe
    /// requests echo, the last time seen for the idle timeout and the absolute expiry) and the failed sign-ins that
    /// throttle guessing per account and per address.
    var sessionVersion: [String] {
        let id = dialect.identityColumn
        return [
            """
            CREATE TABLE sessions (id \(id), token_hash TEXT NOT NULL UNIQUE,
            user_id BIGINT NOT NULL REFERENCES users(id), org_id BIGINT NOT NULL REFERENCES organizations(id),
            csrf_token TEXT NOT NULL, created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
            """
            CREATE TABLE sign_in_failures (id \(id), kind TEXT NOT NULL, subject TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX sign_in_failures_subject ON sign_in_failures (kind, subject, at)",
            "CREATE INDEX sign_in_failures_at ON sign_in_failures (at)",
        ]
    }
}
