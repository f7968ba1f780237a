import CampaignCore
import Hummingbird

extension APIRoutes {
    /// The forecast of a campaign, run in the background on a snapshot.
    static let forecastRoutes: [APIRoute] = [
        APIRoute(
            .post, "/v1/campaigns/{id}/forecast", operationId: "requestForecast",
            summary: "Ask for a forecast of a campaign", tag: "campaigns", access: .role(.viewer),
            parameters: [idParameter],
            requestBody: APIRequestBody(
                mediaType: "application/json", schema: .ref("ForecastRequest"), required: false, limit: 16 << 10),
            responses: [
                json(200, "The finished forecast of the campaign as it is now.", "Forecast"),
                json(202, "The forecast running in the background; GET the same path for its result.", "Forecast"),
            ],
            handler: ForecastHandlers.request),
        APIRoute(
            .get, "/v1/campaigns/{id}/forecast", operationId: "getForecast",
            summary: "Read a campaign's latest forecast", tag: "campaigns", access: .role(.viewer),
            parameters: [idParameter],
            responses: [json(200, "The latest forecast (running, done or failed).", "Forecast")],
            handler: ForecastHandlers.latest),
    ]
}

extension APISchemas {
    /// The forecast's bodies.
    static let forecastSchemas: [String: JSONSchema] = [
        "ForecastRequest": .object(
            ["refresh": .boolean], required: [],
            description: "Run a new forecast even when the campaign is unchanged since the last one (default false)."),
        "Forecast": .object(
            [
                "campaignId": .integer(minimum: 1),
                "state": .string(enum: ["running", "done", "failed"]),
                "current": .boolean,
                "requestedAt": .string(format: "date-time"),
                "finishedAt": .string(format: "date-time", nullable: true),
                "report": forecastReport,
                "failure": .string(nullable: true),
            ],
            required: ["campaignId", "state", "current", "requestedAt", "finishedAt", "report", "failure"]),
    ]

    static let forecastReport: JSONSchema = {
        var properties: [String: JSONSchema] = [
            "finishes": .string(format: "date-time", nullable: true),
            "status": .string(),
            "simulatedFrom": .string(format: "date-time"),
        ]
        for name in ["calls", "reached", "contacts", "stillOpen"] { properties[name] = .integer(minimum: 0) }
        for name in ["callsPerDay", "neverCallable", "heldByRule", "ambiguousZones"] {
            properties[name] = .map(.integer(minimum: 0))
        }
        // `finishes` is left out while the campaign would not finish within the horizon.
        let required = properties.keys.filter { $0 != "finishes" }
        guard case .object(var object) = JSONSchema.object(properties, required: Array(required)).value else {
            preconditionFailure("an object schema is an object")
        }
        object["type"] = .array([.string("object"), .string("null")])
        return JSONSchema(.object(object))
    }()
}
