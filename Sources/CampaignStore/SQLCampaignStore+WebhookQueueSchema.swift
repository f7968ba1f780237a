extension SQLCampaignStore {
    /// Migration: a lead's queue of deliveries has one head (`pending`, the one the sender may try) and the rest
    /// `waiting` behind it, so the due query reads only heads (a lead's blocked chain costs nothing until its head
    /// is done); and each subscription's open gaps in the event ids (see ``WebhookEventWindow``).
    var webhookQueueVersion: [String] {
        [
            """
            UPDATE webhook_deliveries SET state = 'waiting' WHERE state = 'pending' AND EXISTS
            (SELECT 1 FROM webhook_deliveries p WHERE p.webhook_id = webhook_deliveries.webhook_id
            AND p.order_key = webhook_deliveries.order_key AND p.state = 'pending'
            AND p.event_id < webhook_deliveries.event_id)
            """,
            "DROP INDEX webhook_deliveries_due",
            "CREATE INDEX webhook_deliveries_heads ON webhook_deliveries (webhook_id, event_id) WHERE state = 'pending'",
            """
            CREATE INDEX webhook_deliveries_waiting ON webhook_deliveries (webhook_id, order_key, event_id)
            WHERE state = 'waiting'
            """,
            """
            CREATE TABLE webhook_event_gaps (webhook_id BIGINT NOT NULL, event_id BIGINT NOT NULL,
            seen_at BIGINT NOT NULL, PRIMARY KEY (webhook_id, event_id))
            """,
        ]
    }

    /// Migration: subscription ids are never used again once deleted (SQLite's `AUTOINCREMENT`; PostgreSQL's
    /// identity never reuses one), so deliveries a deleted subscription left in their own file (see
    /// ``deliveryFileSchema``) can never be taken for a later subscription's.
    var webhookIdsVersion: [String] {
        guard dialect == .sqlite else { return ["UPDATE webhooks SET id = id WHERE 1 = 0"] }
        return [
            """
            CREATE TABLE webhooks_next (id INTEGER PRIMARY KEY AUTOINCREMENT, org_id BIGINT NOT NULL
            REFERENCES organizations(id), url TEXT NOT NULL, events TEXT NOT NULL, enabled BIGINT NOT NULL,
            secret TEXT NOT NULL, previous_secret TEXT, previous_secret_until BIGINT, event_cursor BIGINT NOT NULL,
            last_success_at BIGINT, failing_since BIGINT, disabled_at BIGINT, created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL)
            """,
            """
            INSERT INTO webhooks_next (id, org_id, url, events, enabled, secret, previous_secret,
            previous_secret_until, event_cursor, last_success_at, failing_since, disabled_at, created_at, updated_at)
            SELECT id, org_id, url, events, enabled, secret, previous_secret, previous_secret_until, event_cursor,
            last_success_at, failing_since, disabled_at, created_at, updated_at FROM webhooks
            """,
            "DROP TABLE webhooks",
            "ALTER TABLE webhooks_next RENAME TO webhooks",
            "CREATE INDEX webhooks_org ON webhooks (org_id, id)",
        ]
    }
}
