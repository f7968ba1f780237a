import Hummingbird

extension APIRoutes {
    /// What the importer makes of a contact file's header, before an upload (the wizard's detected convention).
    static let contactPreviewRoutes: [APIRoute] = [
        withErrors(
            [422],
            APIRoute(
                .post, "/v1/contacts/preview", operationId: "previewContacts",
                summary: "Detect a contact file's column convention from its start", tag: "contacts",
                access: .role(.viewer),
                requestBody: APIRequestBody(
                    mediaType: "text/csv", schema: .text, required: true, limit: ContactPreviewHandlers.limit,
                    example: .string("phone_number,name,case number\n+12125550100,Ann,C-1\n")),
                responses: [
                    json(
                        200, "The file's encoding, delimiter, convention and the columns it reads (nothing stored).",
                        "ContactPreview")
                ],
                handler: ContactPreviewHandlers.preview))
    ]
}
