extension APIRoutes {
    /// The last import's error file, and the multipart form an upload may come as.
    static let ioRoutes: [APIRoute] = [
        APIRoute(
            .get, "/v1/campaigns/{id}/contacts/errors.csv", operationId: "getImportErrors",
            summary: "Download the last import's error file", tag: "contacts", access: .role(.viewer),
            parameters: [idParameter],
            responses: [
                APIResponse(
                    200,
                    "The rejected rows and warnings of the campaign's last import (`line,column,reason`), as "
                        + "`outbound import --errors` writes them; at most 8 MiB (`Outbound-Error-Rows` counts them "
                        + "all, `Outbound-Error-Rows-Kept` those in the file). 404 when the last import had none.",
                    content: ("text/csv", .text),
                    headers: [
                        "Outbound-Error-Rows": "The problems the import had.",
                        "Outbound-Error-Rows-Kept": "The problems in this file.",
                    ])
            ],
            handler: ContactHandlers.errors)
    ]

    /// A `multipart/form-data` upload: one part named `file` holding the CSV.
    static let contactForm = JSONSchema(
        .object([
            "type": .string("object"),
            "properties": .object([
                "file": .object(["type": .string("string"), "contentMediaType": .string("text/csv")])
            ]),
            "required": .array([.string("file")]),
            "additionalProperties": .bool(false),
            "description": .string("The contact file as the form's only field, `file`."),
        ]))
}
