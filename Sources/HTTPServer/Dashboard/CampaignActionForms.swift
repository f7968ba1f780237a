import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// The campaign forms of the list and detail pages: `POST /campaigns/{id}/{start|pause|resume|restart|cancel}`
/// and `POST /campaigns/{id}/clone`, each through the same use case as the API.
enum CampaignActionForms {
    static func add(to router: Router<ServerRequestContext>, services: ServerServices) {
        DashboardPages.action(
            router, "/campaigns/{id}/clone", services, operation: { _ in "cloneCampaign" }
        ) { fields, context, user in
            let copy = try await services.campaigns.clone(
                orgId: user.orgId, id: try DashboardPages.id(context), withContacts: fields["withContacts"] == "on")
            return DashboardView.redirect("/campaigns/\(copy.id)", notice: "Cloned into draft \(copy.id)")
        }
        DashboardPages.action(
            router, "/campaigns/{id}/{action}", services,
            operation: { context in "\(context.parameters.get("action") ?? "")Campaign" }
        ) { fields, context, user in
            guard let text = context.parameters.get("action"), let action = LifecycleAction(rawValue: text),
                OfferedActions.operatorActions.contains(action)
            else { throw Problem(.notFound, "no such action") }
            let campaign = try await services.campaigns.apply(
                action, orgId: user.orgId, id: try DashboardPages.id(context))
            return DashboardView.redirect(
                fields["back"] ?? "/campaigns",
                notice: "\(campaign.settings.name): \(campaign.status.rawValue)")
        }
    }
}
