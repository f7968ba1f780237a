extension SQLCampaignStore {
    /// Migration 10 (9 until the call-state migration lands before it): the imports in progress, one per campaign at
    /// most. An import writes its lead rows in chunks of short transactions with `seq` from the campaign's
    /// `next_seq` upwards; every reader of leads keeps to `seq < next_seq`, so the chunks stay invisible until the
    /// import's last transaction moves `next_seq` past them and removes its row here. A row left here by a crash
    /// names the chunks to clean up (`campaign_id`, `seq >= first_seq`).
    static let stagedImportVersion10: [String] = [
        """
        CREATE TABLE lead_imports (campaign_id BIGINT PRIMARY KEY REFERENCES campaigns(id),
        first_seq BIGINT NOT NULL, started_at BIGINT NOT NULL)
        """,
        // Every lead stored so far is visible, so next_seq must lie above all of them (it always did, unless a row was
        // written by hand).
        """
        UPDATE campaigns SET next_seq = (SELECT MAX(seq) + 1 FROM leads WHERE campaign_id = campaigns.id)
        WHERE next_seq <= (SELECT MAX(seq) FROM leads WHERE campaign_id = campaigns.id)
        """,
    ]

    /// The schema version that added `lead_imports`.
    var stagedImportSchemaVersion: Int {
        (migrations.firstIndex { $0 == Self.stagedImportVersion10 } ?? migrations.count) + 1
    }
}
