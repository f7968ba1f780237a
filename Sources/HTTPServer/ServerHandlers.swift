import CampaignCore
import Hummingbird

/// The routes about the server itself.
enum ServerHandlers {
    static func health(_ call: RouteCall) async throws -> RouteReply {
        JSONBody.response(.object(["status": .string("ok"), "now": Representations.time(call.services.clock.now())]))
    }

    static func openAPI(_ call: RouteCall) async throws -> RouteReply {
        JSONBody.response(OpenAPIDocument.document(for: APIRoutes.all))
    }
}
