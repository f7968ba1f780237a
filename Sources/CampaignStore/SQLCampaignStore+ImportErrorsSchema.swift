extension SQLCampaignStore {
    /// The last import's error file of each campaign (replaced by each import, at most
    /// ``ImportErrorFile/maxBytes``), and the index the call export's keyset pages read (a campaign's calls by id).
    var importErrorsVersion: [String] {
        [
            """
            CREATE TABLE import_errors (campaign_id BIGINT PRIMARY KEY REFERENCES campaigns(id),
            org_id BIGINT NOT NULL, csv TEXT NOT NULL, row_count BIGINT NOT NULL, kept_rows BIGINT NOT NULL,
            created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX calls_export ON calls (campaign_id, id)",
        ]
    }
}
