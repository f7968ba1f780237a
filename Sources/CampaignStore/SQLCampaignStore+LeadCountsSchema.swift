extension SQLCampaignStore {
    /// The lead counters migration: `campaign_lead_counts` holds each campaign's visible leads (`seq` below the
    /// campaign's `next_seq`) by status, waiting counted as pending (SPEC §8), so the counts cost one short index
    /// read instead of a scan of a million leads. Every status move is counted by a trigger on `leads`, so no
    /// statement that moves a lead can forget it; rows become visible (an import's publish, an append, a clone) and
    /// leave (a replaced list) only through ``addLeadCounts(_:campaignId:fromSeq:)`` and ``clearLeadCounts(_:campaignId:)``.
    /// The last statement fills the counters from the leads already stored.
    var leadCountsVersion: [String] {
        [
            """
            CREATE TABLE campaign_lead_counts (campaign_id BIGINT NOT NULL, status TEXT NOT NULL,
            leads BIGINT NOT NULL, PRIMARY KEY (campaign_id, status))
            """
        ] + dialect.leadCountTrigger + [
            """
            INSERT INTO campaign_lead_counts (campaign_id, status, leads)
            SELECT leads.campaign_id, \(Self.countedStatus("leads.status")), COUNT(*) FROM leads
            JOIN campaigns ON campaigns.id = leads.campaign_id WHERE leads.seq < campaigns.next_seq
            GROUP BY leads.campaign_id, \(Self.countedStatus("leads.status"))
            """
        ]
    }

    /// The status a lead is counted under: its own, but waiting counts as pending.
    static func countedStatus(_ column: String) -> String {
        "CASE WHEN \(column) = 'waiting' THEN 'pending' ELSE \(column) END"
    }
}

extension StoreDialect {
    /// The trigger that moves a visible lead between its old and new counted status whenever a statement changes
    /// its status. A staged row (an import not yet published) is not counted: the publish adds it.
    var leadCountTrigger: [String] {
        let old = SQLCampaignStore.countedStatus("OLD.status")
        let new = SQLCampaignStore.countedStatus("NEW.status")
        let visible = "OLD.seq < (SELECT next_seq FROM campaigns WHERE id = OLD.campaign_id)"
        let body = """
            UPDATE campaign_lead_counts SET leads = leads - 1
            WHERE campaign_id = OLD.campaign_id AND status = \(old);
            INSERT INTO campaign_lead_counts (campaign_id, status, leads) VALUES (NEW.campaign_id, \(new), 1)
            ON CONFLICT (campaign_id, status) DO UPDATE SET leads = campaign_lead_counts.leads + 1;
            """
        switch self {
        case .sqlite:
            return [
                """
                CREATE TRIGGER leads_counted AFTER UPDATE OF status ON leads
                WHEN \(old) <> \(new) AND \(visible)
                BEGIN
                \(body)
                END
                """
            ]
        case .postgres:
            return [
                """
                CREATE FUNCTION leads_counted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                IF \(visible) THEN
                \(body)
                END IF;
                RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER leads_counted AFTER UPDATE OF status ON leads FOR EACH ROW
                WHEN (\(old) <> \(new)) EXECUTE FUNCTION leads_counted()
                """,
            ]
        }
    }
}
