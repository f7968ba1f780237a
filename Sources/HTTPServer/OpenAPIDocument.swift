import CampaignCore
import Hummingbird

/// The OpenAPI 3.1 document, generated from the route table the router is built from.
public enum OpenAPIDocument {
    /// Reason phrases of the error statuses routes answer.
    static let errorDescriptions: [Int: String] = [
        400: "The request is malformed: an unknown or bad query parameter, or a body that is not the expected JSON.",
        401: "No API key, or one that is unknown or revoked.",
        403: "The key's role may not do this.",
        404: "No such object in the key's organisation (an id of another organisation is answered the same way).",
        409: "The object's state does not allow this.",
        412: "The If-Match ETag is no longer the campaign's.",
        413: "The body is larger than this route takes.",
        415: "The body is not of the media type this route takes.",
        422: "The settings document is refused; `errors` names each offending key.",
        428: "An edit needs If-Match with the campaign's ETag.",
    ]

    /// The document describing `routes`.
    public static func document(for routes: [APIRoute]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in routes {
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation(route)
        }
        var schemas = APISchemas.all.merging(AccessSchemas.all) { kept, _ in kept }.mapValues(\.value)
        schemas["Problem"] = APISchemas.problem.value
        return .object([
            "openapi": .string("3.1.0"),
            "info": .object([
                "title": .string("Outbound API"),
                "version": .string("1.0.0"),
                "description": .string(
                    "Outbound call campaigns: campaigns, their leads and calls, scoped to the API key's organisation."),
            ]),
            "paths": .object(paths.mapValues { .object($0) }),
            "webhooks": APISchemas.webhookEvents,
            "components": .object([
                "schemas": .object(schemas),
                "securitySchemes": .object([
                    "apiKey": .object([
                        "type": .string("http"), "scheme": .string("bearer"),
                        "description": .string(
                            "An API key (`Authorization: Bearer obk_…`), from `outbound apikey create`."),
                    ]),
                    "callToken": .object([
                        "type": .string("http"), "scheme": .string("bearer"),
                        "description": .string(
                            "The token of one call, given to its agent in the Media Streams `start` message's `customParameters.token`."
                        ),
                    ]),
                    "session": .object([
                        "type": .string("apiKey"), "in": .string("cookie"), "name": .string("outbound_session"),
                        "description": .string(
                            "The dashboard's session cookie (POST /v1/sessions). An unsafe method must also send the session's CSRF token in X-CSRF-Token."
                        ),
                    ]),
                ]),
            ]),
        ])
    }

    /// The security requirement of a route: none, the per-call token, or an API key or a session.
    static func security(_ access: RouteAccess) -> JSONValue {
        switch access {
        case .anyone: .array([])
        case .callToken: .array([.object(["callToken": .array([])])])
        case .role: .array([.object(["apiKey": .array([])]), .object(["session": .array([])])])
        }
    }

    static func operation(_ route: APIRoute) -> JSONValue {
        var responses: [String: JSONValue] = [:]
        for response in route.responses {
            var object: [String: JSONValue] = ["description": .string(response.description)]
            if let content = response.content {
                object["content"] = .object([content.mediaType: .object(["schema": content.schema.value])])
            }
            if !response.headers.isEmpty {
                object["headers"] = .object(
                    response.headers.mapValues {
                        .object(["description": .string($0), "schema": JSONSchema.string().value])
                    })
            }
            responses[String(response.status)] = .object(object)
        }
        for status in route.errorStatuses {
            responses[String(status)] = .object([
                "description": .string(errorDescriptions[status] ?? "An error."),
                "content": .object([
                    "application/problem+json": .object(["schema": JSONSchema.ref("Problem").value])
                ]),
            ])
        }
        var parameters = route.parameters.map { parameter -> JSONValue in
            .object([
                "name": .string(parameter.name), "in": .string(parameter.location.rawValue),
                "required": .bool(parameter.location == .path), "description": .string(parameter.description),
                "schema": parameter.schema.value,
            ])
        }
        parameters += route.headers.map { header in
            .object([
                "name": .string(header.name), "in": .string("header"), "required": .bool(true),
                "description": .string(header.description), "schema": JSONSchema.string().value,
            ])
        }
        if route.acceptsIdempotencyKey {
            parameters.append(
                .object([
                    "name": .string("Idempotency-Key"), "in": .string("header"), "required": .bool(false),
                    "description": .string(
                        "Makes a retry safe: the first request's reply is kept for 24 hours and replayed for the same "
                            + "key and request."),
                    "schema": .object([
                        "type": .string("string"), "minLength": .number(1), "maxLength": .number(255),
                        "pattern": .string("^[!-~]+$"),
                    ]),
                ]))
        }
        var object: [String: JSONValue] = [
            "operationId": .string(route.operationId),
            "summary": .string(route.summary),
            "tags": .array([.string(route.tag)]),
            "parameters": .array(parameters),
            "responses": .object(responses),
            "security": security(route.access),
        ]
        if let body = route.requestBody {
            var content = Dictionary(
                uniqueKeysWithValues: ([(body.mediaType, body.schema)] + body.alternatives.map { ($0.key, $0.value) })
                    .map { ($0.0, ["schema": $0.1.value]) })
            if let example = body.example { content[body.mediaType]?["example"] = example }
            object["requestBody"] = .object([
                "required": .bool(body.required), "content": .object(content.mapValues { JSONValue.object($0) }),
            ])
        }
        return .object(object)
    }
}
