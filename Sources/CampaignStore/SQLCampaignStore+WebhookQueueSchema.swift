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
}
