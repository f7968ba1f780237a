import CampaignCore

extension SQLCampaignStore {
    /// Migration 5: the narrow lead row (see docs/contact-import.md, "The lead row").
    ///
    /// - Variable names are stored once per distinct name list in `variable_layouts`; a lead keeps the layout's id
    ///   and a JSON array of its values in that order (`layout_id` NULL: the older JSON object, still read).
    /// - The number being dialled is `numbers[number_index]`, so `primary_number` and `current_number` go.
    /// - Line types are one-letter codes (``LineTypeCodes``), converted here for the rows already stored.
    /// - An imported lead is `pending`, and only two indexes take pending leads: the dialling queue and the list
    ///   order, both appended to in import order. The status and open-pass indexes leave pending leads to the queue
    ///   index, and the per-zone index goes (the runner no longer asks which closed zones hold pending leads).
    var leadRowVersion5: [String] {
        let id = dialect.identityColumn
        return [
            "CREATE TABLE variable_layouts (id \(id), names TEXT NOT NULL UNIQUE)",
            "ALTER TABLE leads ADD COLUMN layout_id BIGINT",
            "ALTER TABLE leads DROP COLUMN primary_number",
            "ALTER TABLE leads DROP COLUMN current_number",
            "UPDATE leads SET number_types = \(LineTypeCodes.sqlConversion(of: "number_types")) WHERE number_types <> ''",
            "DROP INDEX leads_zone",
            "DROP INDEX leads_campaign",
            "DROP INDEX leads_open_pass",
            "CREATE INDEX leads_settled ON leads (campaign_id, status) WHERE status <> 'pending'",
            """
            CREATE INDEX leads_retrying ON leads (campaign_id, pass) WHERE status IN ('waiting', 'in_progress')
            """,
        ]
    }
}
