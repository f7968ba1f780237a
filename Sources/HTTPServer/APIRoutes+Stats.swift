import Hummingbird

extension APIRoutes {
    /// A campaign's figures and its live feed.
    static let statsRoutes: [APIRoute] = [
        APIRoute(
            .get, "/v1/campaigns/{id}/stats", operationId: "getCampaignStats", summary: "Read a campaign's stats",
            tag: "stats", access: .role(.viewer), parameters: [idParameter],
            responses: [json(200, "Counts, KPIs, cost per day and best times (SPEC §8, §11).", "CampaignStats")],
            handler: StatsHandlers.stats),
        APIRoute(
            .get, "/v1/campaigns/{id}/events", operationId: "streamCampaignEvents",
            summary: "Follow a campaign's changes live", tag: "stats", access: .role(.viewer),
            parameters: [idParameter],
            responses: [
                APIResponse(
                    200,
                    "Server-Sent Events: `campaign.status.changed`, `campaign.lead.updated`, `call.started`, "
                        + "`call.ended` (with `id:`; send `Last-Event-ID` to resume after one), `counts`, and "
                        + "heartbeat comments. See docs/api.md.",
                    content: ("text/event-stream", .text))
            ],
            handler: StatsHandlers.events),
    ]
}
