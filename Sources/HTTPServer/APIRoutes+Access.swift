import CampaignStore
import Hummingbird

extension APIRoutes {
    static func accessBody(_ schema: String) -> APIRequestBody {
        APIRequestBody(mediaType: "application/json", schema: .ref(schema), required: true, limit: 16 << 10)
    }

    static let setCookieHeader = [
        "Set-Cookie":
            "`outbound_session`: the session token (HttpOnly, SameSite=Lax, Path=/; Secure with --secure-cookies)."
    ]

    /// `route`, marked as answering with a secret shown once (so no reply of it is kept for `Idempotency-Key`).
    static func withSecret(_ route: APIRoute) -> APIRoute {
        var route = route
        route.answersWithSecret = true
        return route
    }

    /// Sign-in, sessions, users and API keys (SPEC §11; users and keys are for admins only).
    static let accessRoutes: [APIRoute] = [
        withErrors(
            [401, 429],
            APIRoute(
                .post, "/v1/sessions", operationId: "signIn", summary: "Sign in with an email and a password",
                tag: "sessions", access: .anyone, requestBody: accessBody("SignInRequest"),
                responses: [json(201, "Signed in: the session cookie is set.", "Session", headers: setCookieHeader)],
                handler: SessionHandlers.signIn)),
        APIRoute(
            .get, "/v1/sessions/current", operationId: "getSession", summary: "Say who the request acts for",
            tag: "sessions", access: .role(.viewer),
            responses: [json(200, "The user, role and organisation, and the session's CSRF token.", "Session")],
            handler: SessionHandlers.current),
        withErrors(
            [404],
            APIRoute(
                .delete, "/v1/sessions/current", operationId: "signOut", summary: "Sign out", tag: "sessions",
                access: .role(.viewer), responses: [APIResponse(204, "Signed out: the cookie is removed.")],
                handler: SessionHandlers.signOut)),
        APIRoute(
            .get, "/v1/users", operationId: "listUsers", summary: "List users", tag: "users", access: .role(.admin),
            parameters: pageParameters, responses: [json(200, "A page of users, by id.", "UserList")],
            handler: UserHandlers.list),
        withErrors(
            [409, 422],
            withSecret(
                APIRoute(
                    .post, "/v1/users", operationId: "createUser", summary: "Add a user", tag: "users",
                    access: .role(.admin), requestBody: accessBody("NewUser"),
                    responses: [json(201, "The user; `password` when one was generated (shown once).", "CreatedUser")],
                    handler: UserHandlers.create))),
        withErrors(
            [409, 422],
            APIRoute(
                .patch, "/v1/users/{id}", operationId: "updateUser", summary: "Change a user's role", tag: "users",
                access: .role(.admin), parameters: [idParameter], requestBody: accessBody("UserChange"),
                responses: [json(200, "The user.", "User")], handler: UserHandlers.update)),
        withErrors(
            [409],
            APIRoute(
                .delete, "/v1/users/{id}", operationId: "deleteUser", summary: "Remove a user", tag: "users",
                access: .role(.admin), parameters: [idParameter],
                responses: [APIResponse(204, "Removed; their sessions ended.")], handler: UserHandlers.delete)),
        APIRoute(
            .get, "/v1/api-keys", operationId: "listAPIKeys", summary: "List API keys", tag: "api-keys",
            access: .role(.admin), parameters: pageParameters,
            responses: [json(200, "A page of keys, by id (never their secrets).", "APIKeyList")],
            handler: KeyHandlers.list),
        withErrors(
            [422],
            withSecret(
                APIRoute(
                    .post, "/v1/api-keys", operationId: "createAPIKey", summary: "Create an API key", tag: "api-keys",
                    access: .role(.admin), requestBody: accessBody("NewAPIKey"),
                    responses: [json(201, "The key with its secret `apiKey` (shown once).", "CreatedAPIKey")],
                    handler: KeyHandlers.create))),
        APIRoute(
            .delete, "/v1/api-keys/{id}", operationId: "revokeAPIKey", summary: "Revoke an API key",
            tag: "api-keys", access: .role(.admin), parameters: [idParameter],
            responses: [json(200, "The revoked key.", "APIKey")], handler: KeyHandlers.revoke),
    ]
}
