import CampaignCore
import Hummingbird

/// The route table of the API: the router and `/openapi.json` are both built from it.
public enum APIRoutes {
    static let idParameter = APIParameter("id", in: .path, "The object's id.", schema: .integer(minimum: 1))
    static let pageParameters = [
        APIParameter("cursor", in: .query, "The `nextCursor` of the previous page.", schema: .string()),
        APIParameter(
            "limit", in: .query, "Items per page, 1 to 500 (default 50).", schema: .integer(minimum: 1, maximum: 500)),
    ]
    static let settingsBody = APIRequestBody(
        mediaType: "application/json", schema: .ref("SettingsDocument"), required: true, limit: 1 << 20)
    static let emptyBody = APIRequestBody(
        mediaType: "application/json", schema: .ref("EmptyRequest"), required: false, limit: 16 << 10)
    static let etagHeader = ["ETag": "The campaign's entity tag, for `If-Match` on an edit."]

    static func json(
        _ status: Int, _ description: String, _ schema: String, headers: [String: String] = [:]
    ) -> APIResponse {
        APIResponse(status, description, content: ("application/json", .ref(schema)), headers: headers)
    }

    /// Every route of the API.
    public static let all: [APIRoute] =
        [
            APIRoute(
                .get, "/healthz", operationId: "getHealth", summary: "Say whether the server is up", tag: "server",
                access: .anyone, responses: [json(200, "The server is up.", "Health")], handler: ServerHandlers.health),
            APIRoute(
                .get, "/openapi.json", operationId: "getOpenAPI", summary: "Describe the API", tag: "server",
                access: .anyone, responses: [json(200, "This document.", "OpenAPIDocument")],
                handler: ServerHandlers.openAPI),
            withErrors(
                [422],
                APIRoute(
                    .post, "/v1/campaigns", operationId: "createCampaign", summary: "Create a campaign",
                    tag: "campaigns",
                    access: .role(.operator), requestBody: settingsBody,
                    responses: [json(201, "The new draft.", "Campaign", headers: etagHeader)],
                    handler: CampaignHandlers.create)),
            APIRoute(
                .get, "/v1/campaigns", operationId: "listCampaigns", summary: "List campaigns", tag: "campaigns",
                access: .role(.viewer),
                parameters: [
                    APIParameter(
                        "status", in: .query, "Only campaigns in this status.",
                        schema: .string(enum: CampaignStatus.allCases.map(\.rawValue))),
                    APIParameter(
                        "name", in: .query, "Only campaigns whose name contains this text.", schema: .string()),
                ] + pageParameters,
                responses: [json(200, "A page of campaigns, by id.", "CampaignList")], handler: CampaignHandlers.list),
            withErrors(
                [422],
                APIRoute(
                    .post, "/v1/campaigns/validate", operationId: "validateCampaign",
                    summary: "Validate a settings document", tag: "campaigns", access: .role(.viewer),
                    requestBody: settingsBody, responses: [json(200, "The document with its defaults.", "Validation")],
                    handler: CampaignHandlers.validate)),
            APIRoute(
                .get, "/v1/campaigns/{id}", operationId: "getCampaign", summary: "Read a campaign", tag: "campaigns",
                access: .role(.viewer), parameters: [idParameter],
                responses: [json(200, "The campaign with its lead counts.", "Campaign", headers: etagHeader)],
                handler: CampaignHandlers.get),
            withErrors(
                [409, 412, 422, 428],
                APIRoute(
                    .put, "/v1/campaigns/{id}", operationId: "updateCampaign", summary: "Edit a campaign",
                    tag: "campaigns", access: .role(.operator), parameters: [idParameter], requestBody: settingsBody,
                    responses: [json(200, "The edited campaign.", "Campaign", headers: etagHeader)],
                    headers: [("If-Match", "The campaign's current ETag (required).")],
                    handler: CampaignHandlers.update)),
            action(.start, "Start a campaign"),
            action(.pause, "Pause a campaign"),
            action(.resume, "Resume a campaign"),
            action(.cancel, "Cancel a campaign"),
            action(.restart, "Restart a campaign"),
            withErrors(
                [409],
                APIRoute(
                    .post, "/v1/campaigns/{id}/clone", operationId: "cloneCampaign", summary: "Clone a campaign",
                    tag: "campaigns", access: .role(.operator), parameters: [idParameter],
                    requestBody: APIRequestBody(
                        mediaType: "application/json", schema: .ref("CloneRequest"), required: false, limit: 16 << 10),
                    responses: [json(201, "The new draft.", "Campaign", headers: etagHeader)],
                    handler: CampaignHandlers.clone)),
            upload(
                .put, operationId: "replaceContacts", summary: "Replace a draft's contacts", ContactHandlers.replace),
            upload(
                .post, operationId: "appendContacts", summary: "Append contacts", json: true, ContactHandlers.append),
            APIRoute(
                .get, "/v1/campaigns/{id}/leads", operationId: "listLeads", summary: "List a campaign's leads",
                tag: "leads", access: .role(.viewer),
                parameters: [
                    idParameter,
                    APIParameter(
                        "status", in: .query, "Only leads in this status.",
                        schema: .string(enum: ["pending", "in_progress", "completed", "failed", "excluded"])),
                    APIParameter(
                        "q", in: .query, "Only leads whose primary number or NAME starts with this (see docs/api.md).",
                        schema: .string()),
                ] + pageParameters,
                responses: [json(200, "A page of leads, in list order (a search: in its index's order).", "LeadList")],
                handler: LeadCallHandlers.leads),
            APIRoute(
                .get, "/v1/leads/{id}", operationId: "getLead", summary: "Read a lead with its calls", tag: "leads",
                access: .role(.viewer), parameters: [idParameter],
                responses: [json(200, "The lead and its calls.", "LeadDetail")], handler: LeadCallHandlers.lead),
            APIRoute(
                .get, "/v1/campaigns/{id}/calls", operationId: "listCalls", summary: "List a campaign's calls",
                tag: "calls", access: .role(.viewer), parameters: [idParameter] + pageParameters,
                responses: [json(200, "A page of calls, in the order they were queued.", "CallList")],
                handler: LeadCallHandlers.calls),
            APIRoute(
                .get, "/v1/calls/{id}", operationId: "getCall", summary: "Read a call", tag: "calls",
                access: .role(.viewer), parameters: [idParameter], responses: [json(200, "The call.", "Call")],
                handler: LeadCallHandlers.call),
            APIRoute(
                .get, "/v1/campaigns/{id}/calls.csv", operationId: "exportCalls", summary: "Export the call log",
                tag: "exports", access: .role(.viewer), parameters: [idParameter],
                responses: [APIResponse(200, "The call log of SPEC §10.", content: ("text/csv", .text))],
                handler: ExportHandlers.calls),
            APIRoute(
                .get, "/v1/campaigns/{id}/contacts.csv", operationId: "exportContacts", summary: "Export the contacts",
                tag: "exports", access: .role(.viewer), parameters: [idParameter],
                responses: [APIResponse(200, "The contact export of SPEC §10.", content: ("text/csv", .text))],
                handler: ExportHandlers.contacts),
        ] + forecastRoutes + auditRoutes + catalogRoutes + accessRoutes + statsRoutes + ioRoutes
        + metricsRoutes
        + webhookRoutes
        + contactPreviewRoutes
        + agentCallRoutes

    static func action(_ action: LifecycleAction, _ summary: String) -> APIRoute {
        withErrors(
            [409],
            APIRoute(
                .post, "/v1/campaigns/{id}/\(action.rawValue)", operationId: "\(action.rawValue)Campaign",
                summary: summary, tag: "campaigns", access: .role(.operator), parameters: [idParameter],
                requestBody: emptyBody,
                responses: [json(200, "The campaign after the action.", "Campaign", headers: etagHeader)],
                handler: CampaignHandlers.action(action)))
    }

    static func upload(
        _ method: HTTPRequest.Method, operationId: String, summary: String, json: Bool = false,
        _ handler: @escaping @Sendable (RouteCall) async throws -> RouteReply
    ) -> APIRoute {
        var body = APIRequestBody(
            mediaType: "text/csv", schema: .text, required: true, limit: 100 << 20, streamed: true)
        if json { body.alternatives = ["application/json": .ref("ContactAppend")] }
        body.alternatives["multipart/form-data"] = contactForm
        return withErrors(
            [409, 422],
            APIRoute(
                method, "/v1/campaigns/{id}/contacts", operationId: operationId, summary: summary, tag: "contacts",
                access: .role(.operator),
                parameters: [
                    idParameter,
                    APIParameter(
                        "map", in: .query, "Map a column onto an agent variable: `Customer Name=NAME` (repeatable).",
                        schema: .array(.string())),
                    APIParameter(
                        "region", in: .query, "Region of numbers written without a country code (default US).",
                        schema: JSONSchema(.object(["type": .string("string"), "pattern": .string("^[A-Za-z]{2}$")]))),
                ],
                requestBody: body,
                responses: [
                    Self.json(200, "The import report, with the error file's rows as `problems`.", "ImportReport")
                ],
                handler: handler))
    }

    static func withErrors(_ statuses: [Int], _ route: APIRoute) -> APIRoute {
        var route = route
        route.extraErrors = statuses
        return route
    }
}
