import Hummingbird

extension APIRoutes {
    /// The agent's report of a real call (SPEC §12), authenticated by the call's own token.
    static let agentCallRoutes: [APIRoute] = [
        withErrors(
            [409, 422],
            APIRoute(
                .post, "/v1/calls/{id}/result", operationId: "reportCallResult",
                summary: "Report a call's result (the agent, with the call's token)", tag: "calls",
                access: .callToken, parameters: [idParameter],
                requestBody: APIRequestBody(
                    mediaType: "application/json", schema: .ref("CallResultReport"), required: true,
                    limit: 300 << 10,
                    example: .object([
                        "disposition": .string("CALLBACK"), "turns": .number(6),
                        "transcript": .string("agent: Hello Ann, this is Zara.\ncallee: Call me tomorrow at ten."),
                        "callbackAt": .string("2026-03-10T10:00:00-05:00"),
                    ])),
                responses: [
                    json(
                        200, "Taken: `recorded`, or `repeated` when the same report came before.",
                        "CallResultAccepted")
                ], handler: AgentCallHandlers.report)),
        withErrors(
            [404, 409, 422],
            APIRoute(
                .post, "/v1/agents/{id}/test-call", operationId: "placeTestCall",
                summary: "Place one test call through the agent (counts in no campaign)", tag: "agents",
                access: .role(.operator), parameters: [idParameter],
                requestBody: APIRequestBody(
                    mediaType: "application/json", schema: .ref("TestCallRequest"), required: true, limit: 64 << 10,
                    example: .object([
                        "to": .string("+12125550123"), "from": .string("+14155550100"),
                        "variables": .object(["NAME": .string("Ann")]),
                    ])),
                responses: [
                    json(
                        202,
                        "Placed: the call is dialled now; follow it at `/v1/campaigns/{campaignId}` (its calls and events).",
                        "TestCallPlaced", headers: ["Location": "The test call's campaign."])
                ], handler: TestCallHandlers.place)),
    ]
}
