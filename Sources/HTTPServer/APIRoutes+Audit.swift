import CampaignCore
import Hummingbird

extension APIRoutes {
    /// The audit log and the organisation's exemption from the quiet hours (admins only).
    static let auditRoutes: [APIRoute] = [
        APIRoute(
            .get, "/v1/audit", operationId: "listAudit", summary: "List the audit log", tag: "audit",
            access: .role(.admin),
            parameters: [
                APIParameter(
                    "targetKind", in: .query, "Only entries about this kind of object.",
                    schema: .string(enum: AuditHandlers.targetKinds)),
                APIParameter(
                    "targetId", in: .query, "Only entries about this object (with targetKind).",
                    schema: .integer(minimum: 1)),
                APIParameter(
                    "action", in: .query,
                    "Only actions starting with this text (`campaign.` for all campaign actions).",
                    schema: .string()),
            ] + pageParameters,
            responses: [json(200, "A page of entries, newest first.", "AuditList")], handler: AuditHandlers.list),
        APIRoute(
            .get, "/v1/organization/exemption", operationId: "getExemption",
            summary: "Read the organisation's exemption from the quiet hours", tag: "audit", access: .role(.admin),
            responses: [json(200, "The exemption, or `exempt: false`.", "Exemption")],
            handler: AuditHandlers.exemption),
        withErrors(
            [422],
            APIRoute(
                .put, "/v1/organization/exemption", operationId: "grantExemption",
                summary: "Exempt the organisation from the quiet hours", tag: "audit", access: .role(.admin),
                requestBody: APIRequestBody(
                    mediaType: "application/json", schema: .ref("ExemptionRequest"), required: true,
                    limit: 16 << 10, example: .object(["reason": .string("storm warnings: calls allowed at night")])),
                responses: [json(200, "The exemption granted.", "Exemption")], handler: AuditHandlers.grant)),
        APIRoute(
            .delete, "/v1/organization/exemption", operationId: "endExemption",
            summary: "End the organisation's exemption from the quiet hours", tag: "audit", access: .role(.admin),
            requestBody: emptyBody,
            responses: [json(200, "The quiet hours apply again.", "Exemption")], handler: AuditHandlers.end),
    ]
}

extension APISchemas {
    /// The audit log's bodies.
    static let auditSchemas: [String: JSONSchema] = [
        "AuditEntry": .object(
            [
                "id": .integer(minimum: 1),
                "at": .string(format: "date-time"),
                "actor": .object(
                    [
                        "kind": .string(enum: ["user", "key", "cli", "system"]), "id": .integer(nullable: true),
                        "label": .string(),
                    ], required: ["kind", "id", "label"]),
                "action": .string(),
                "target": .object(
                    ["kind": .string(), "id": .integer(nullable: true)], required: ["kind", "id"]),
                "detail": .map(.string()),
            ], required: ["id", "at", "actor", "action", "target", "detail"]),
        "AuditList": list(of: "AuditEntry"),
        "ExemptionRequest": .object(
            ["reason": .string()], required: ["reason"],
            description: "Why the organisation may be called outside the quiet hours (opt-outs and caps still apply)."),
        "Exemption": .object(
            [
                "exempt": .boolean, "reason": .string(), "grantedBy": .string(),
                "grantedAt": .string(format: "date-time"),
            ], required: ["exempt"]),
    ]
}
