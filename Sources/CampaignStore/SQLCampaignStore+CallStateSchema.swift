import SQLKit

extension SQLCampaignStore {
    /// Migration 9: a call's progress (``CallState``: queued, dialing, ringing, answered, ended) and the provider's
    /// reference for it. `state` stays the coarse `live`/`ended` flag the partial indexes on live calls use and the
    /// fence reads (`state <> 'ended'`); `call_state` says how far a live call got. Rows from before are `dialing`
    /// when live, `ended` when ended.
    static let callStateVersion9: [String] = [
        "ALTER TABLE calls ADD COLUMN call_state TEXT NOT NULL DEFAULT 'queued'",
        "ALTER TABLE calls ADD COLUMN provider_call_id TEXT",
        "UPDATE calls SET call_state = CASE WHEN state = 'ended' THEN 'ended' ELSE 'dialing' END",
        "CREATE INDEX calls_provider ON calls (provider_call_id) WHERE provider_call_id IS NOT NULL",
    ]
}
