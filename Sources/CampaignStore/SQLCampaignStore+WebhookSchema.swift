extension SQLCampaignStore {
    /// Migration: webhook subscriptions (a cursor into `events` each), their outbox deliveries (one per event and
    /// subscription, queued in the transaction that moves the cursor) and the delivery log (every attempt).
    var webhookVersion: [String] {
        let id = dialect.identityColumn
        return [
            """
            CREATE TABLE webhooks (id \(id), org_id BIGINT NOT NULL REFERENCES organizations(id), url TEXT NOT NULL,
            events TEXT NOT NULL, enabled BIGINT NOT NULL, secret TEXT NOT NULL, previous_secret TEXT,
            previous_secret_until BIGINT, event_cursor BIGINT NOT NULL, last_success_at BIGINT, failing_since BIGINT,
            disabled_at BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX webhooks_org ON webhooks (org_id, id)",
            """
            CREATE TABLE webhook_deliveries (id \(id), org_id BIGINT NOT NULL, webhook_id BIGINT NOT NULL,
            event_id BIGINT NOT NULL, order_key TEXT NOT NULL, state TEXT NOT NULL, failures BIGINT NOT NULL,
            next_at BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX webhook_deliveries_event ON webhook_deliveries (webhook_id, event_id)",
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (webhook_id, next_at) WHERE state = 'pending'",
            """
            CREATE INDEX webhook_deliveries_order ON webhook_deliveries (webhook_id, order_key, event_id)
            WHERE state = 'pending'
            """,
            """
            CREATE TABLE webhook_attempts (id \(id), org_id BIGINT NOT NULL, webhook_id BIGINT NOT NULL,
            delivery_id BIGINT NOT NULL, at BIGINT NOT NULL, status_code BIGINT, latency_ms BIGINT NOT NULL,
            response_body TEXT NOT NULL, error TEXT)
            """,
            "CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id)",
        ]
    }
}
