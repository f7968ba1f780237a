import SQLKit

extension SQLCampaignStore {
    /// Migration 8 (the eighth schema version; the compliance migration before it is the seventh): the call log's
    /// `cost` (in millionths of the carrier's currency, empty until carriers have rates; a call's run is the
    /// `generation` it was placed in), and the lease on a campaign's simulation, held by one process (host, pid and a
    /// token of the process's start) until its wall-clock expiry.
    var runVersion8: [String] {
        [
            "ALTER TABLE calls ADD COLUMN cost_micros BIGINT",
            """
            CREATE TABLE simulation_leases (campaign_id BIGINT PRIMARY KEY, host TEXT NOT NULL, pid BIGINT NOT NULL,
            start_token TEXT NOT NULL, expires_at BIGINT NOT NULL)
            """,
        ]
    }
}
