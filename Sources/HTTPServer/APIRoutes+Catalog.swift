import CampaignStore
import Hummingbird

extension APIRoutes {
    static let numberParameter = APIParameter(
        "number", in: .path, "The opted-out number (E.164; a national form reads as a US number).", schema: .string())
    static let location = ["Location": "The new object's URL."]

    static func body(_ schema: String, limit: Int = 256 << 10) -> APIRequestBody {
        APIRequestBody(mediaType: "application/json", schema: .ref(schema), required: true, limit: limit)
    }

    static func remove(
        _ path: String, _ operationId: String, _ summary: String, tag: String, role: AccessRole,
        _ handler: @escaping @Sendable (RouteCall) async throws -> RouteReply
    ) -> APIRoute {
        let parameter = path.hasSuffix("{number}") ? numberParameter : idParameter
        return withErrors(
            [409],
            APIRoute(
                .delete, path, operationId: operationId, summary: summary, tag: tag, access: .role(role),
                parameters: [parameter], responses: [APIResponse(204, "Deleted.")], handler: handler))
    }

    /// The catalog's routes: agents, carriers, phone numbers and the opt-out list. Reads are for viewers; agents,
    /// carriers and numbers are changed by admins, the opt-out list by operators (SPEC §9: a compliance task).
    static let catalogRoutes: [APIRoute] = [
        APIRoute(
            .get, "/v1/agents", operationId: "listAgents", summary: "List agents", tag: "agents",
            access: .role(.viewer),
            parameters: [
                APIParameter("name", in: .query, "Only agents whose name contains this text.", schema: .string())
            ] + pageParameters,
            responses: [json(200, "A page of agents, by id.", "AgentList")], handler: AgentHandlers.list),
        withErrors(
            [422],
            APIRoute(
                .post, "/v1/agents", operationId: "createAgent", summary: "Create an agent", tag: "agents",
                access: .role(.admin), requestBody: body("AgentRequest"),
                responses: [json(201, "The new agent.", "Agent", headers: location)], handler: AgentHandlers.create)),
        APIRoute(
            .get, "/v1/agents/{id}", operationId: "getAgent", summary: "Read an agent", tag: "agents",
            access: .role(.viewer), parameters: [idParameter],
            responses: [json(200, "The agent.", "Agent", headers: ["ETag": "The agent's entity tag."])],
            handler: AgentHandlers.get),
        withErrors(
            [412, 422],
            APIRoute(
                .put, "/v1/agents/{id}", operationId: "updateAgent",
                summary: "Edit an agent (If-Match with its ETag makes the edit conditional)", tag: "agents",
                access: .role(.admin), parameters: [idParameter], requestBody: body("AgentRequest"),
                responses: [json(200, "The edited agent.", "Agent", headers: ["ETag": "The agent's entity tag."])],
                handler: AgentHandlers.update)),
        remove(
            "/v1/agents/{id}", "deleteAgent", "Delete an agent no campaign uses", tag: "agents", role: .admin,
            AgentHandlers.delete),
        APIRoute(
            .get, "/v1/agents/{id}/template.csv", operationId: "getAgentTemplate",
            summary: "Download the agent's contact CSV template", tag: "agents", access: .role(.viewer),
            parameters: [idParameter],
            responses: [
                APIResponse(
                    200, "phone_number, name, one column per variable, one example row.", content: ("text/csv", .text))
            ],
            handler: AgentHandlers.template),
        withErrors(
            [422],
            APIRoute(
                .post, "/v1/agents/{id}/preview", operationId: "previewAgent",
                summary: "Render the agent's texts for sample variables", tag: "agents", access: .role(.viewer),
                parameters: [idParameter], requestBody: body("AgentPreviewRequest", limit: 64 << 10),
                responses: [json(200, "The rendered greeting, prompt and voicemail message.", "AgentPreview")],
                handler: AgentHandlers.preview)),
        APIRoute(
            .get, "/v1/carriers", operationId: "listCarriers", summary: "List carriers", tag: "carriers",
            access: .role(.viewer), parameters: pageParameters,
            responses: [json(200, "A page of carriers, by id (never their passwords).", "CarrierList")],
            handler: CarrierHandlers.list),
        withErrors(
            [409, 422],
            APIRoute(
                .post, "/v1/carriers", operationId: "createCarrier", summary: "Create a carrier", tag: "carriers",
                access: .role(.admin), requestBody: body("CarrierRequest"),
                responses: [json(201, "The new carrier (without its password).", "Carrier", headers: location)],
                handler: CarrierHandlers.create)),
        APIRoute(
            .get, "/v1/carriers/{id}", operationId: "getCarrier", summary: "Read a carrier", tag: "carriers",
            access: .role(.viewer), parameters: [idParameter],
            responses: [json(200, "The carrier (without its password).", "Carrier")], handler: CarrierHandlers.get),
        withErrors(
            [409, 422],
            APIRoute(
                .put, "/v1/carriers/{id}", operationId: "updateCarrier",
                summary: "Edit a carrier (an omitted password keeps the stored one; null removes it)", tag: "carriers",
                access: .role(.admin), parameters: [idParameter], requestBody: body("CarrierRequest"),
                responses: [json(200, "The edited carrier (without its password).", "Carrier")],
                handler: CarrierHandlers.update)),
        remove(
            "/v1/carriers/{id}", "deleteCarrier", "Delete a carrier no number uses", tag: "carriers", role: .admin,
            CarrierHandlers.delete),
        APIRoute(
            .get, "/v1/numbers", operationId: "listNumbers", summary: "List phone numbers", tag: "numbers",
            access: .role(.viewer), parameters: pageParameters,
            responses: [json(200, "A page of the organisation's numbers, by id.", "PhoneNumberList")],
            handler: NumberHandlers.list),
        withErrors(
            [409, 422],
            APIRoute(
                .post, "/v1/numbers", operationId: "createNumber", summary: "Register a phone number", tag: "numbers",
                access: .role(.admin), requestBody: body("PhoneNumberRequest"),
                responses: [json(201, "The new number.", "PhoneNumber", headers: location)],
                handler: NumberHandlers.create)),
        APIRoute(
            .get, "/v1/numbers/{id}", operationId: "getNumber", summary: "Read a phone number", tag: "numbers",
            access: .role(.viewer), parameters: [idParameter], responses: [json(200, "The number.", "PhoneNumber")],
            handler: NumberHandlers.get),
        withErrors(
            [409, 422],
            APIRoute(
                .put, "/v1/numbers/{id}", operationId: "updateNumber",
                summary: "Edit a number's label, carrier and direction", tag: "numbers", access: .role(.admin),
                parameters: [idParameter], requestBody: body("PhoneNumberEdit"),
                responses: [json(200, "The edited number.", "PhoneNumber")], handler: NumberHandlers.update)),
        remove(
            "/v1/numbers/{id}", "deleteNumber", "Delete a number no campaign uses", tag: "numbers", role: .admin,
            NumberHandlers.delete),
        APIRoute(
            .get, "/v1/opt-outs", operationId: "listOptOuts", summary: "List the opt-out list", tag: "opt-outs",
            access: .role(.viewer),
            parameters: [
                APIParameter("q", in: .query, "Only numbers containing these characters.", schema: .string())
            ] + pageParameters,
            responses: [json(200, "A page of opt-outs, in number order.", "OptOutList")],
            handler: OptOutHandlers.list),
        withErrors(
            [422],
            APIRoute(
                .post, "/v1/opt-outs", operationId: "addOptOuts",
                summary: "Add a number (JSON) or a CSV file's number column (text/csv) to the opt-out list",
                tag: "opt-outs", access: .role(.operator),
                requestBody: APIRequestBody(
                    mediaType: "application/json", schema: .ref("OptOutRequest"), required: true, limit: 16 << 20,
                    alternatives: ["text/csv": .text]),
                responses: [
                    json(201, "The number was added: the opt-out.", "OptOut"),
                    json(200, "The number was on the list already (JSON), or the CSV's report.", "OptOutAddResult"),
                ],
                handler: OptOutHandlers.add)),
        APIRoute(
            .get, "/v1/opt-outs/{number}", operationId: "getOptOut", summary: "Read a number's opt-out",
            tag: "opt-outs", access: .role(.viewer), parameters: [numberParameter],
            responses: [json(200, "The opt-out.", "OptOut")], handler: OptOutHandlers.get),
        remove(
            "/v1/opt-outs/{number}", "removeOptOut", "Take a number off the opt-out list", tag: "opt-outs",
            role: .operator, OptOutHandlers.remove),
    ]
}
