extension SQLCampaignStore {
    /// Migration: the calls bridged to an agent — each one's token hash (issued when the call is placed) and the
    /// agent's report once it arrives (SPEC §12).
    var agentCallVersion: [String] {
        [
            """
            CREATE TABLE call_agent_reports (call_id BIGINT PRIMARY KEY, org_id BIGINT NOT NULL,
            token_hash TEXT NOT NULL, disposition TEXT, turns BIGINT, transcript TEXT, callback_at BIGINT,
            issued_at BIGINT NOT NULL, reported_at BIGINT)
            """
        ]
    }
}
