import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// `/agents`, `/numbers` and `/opt-outs`: the organisation's catalog through the same use cases as the API (an admin
/// picks each number's carrier and direction on `/numbers`). The
/// opt-out list takes numbers one by one (add, remove as form posts) and as a CSV (`upload.js` sends it to
/// `POST /v1/opt-outs`).
enum CatalogPages {
    static let pageSize = 100

    static func add(to router: Router<ServerRequestContext>, services: ServerServices) {
        DashboardPages.page(router, "/agents", services) { request, _, user in
            let agents = try await services.catalog.agents.list(
                orgId: user.orgId, nameContains: nil, afterId: nil, limit: pageSize
            ).items
            return DashboardView.page(
                "agents", title: "Agents", section: "/agents", user: user, request: request,
                context: [
                    "agents": agents.map { agent in
                        [
                            "id": agent.id, "name": agent.profile.name, "greeting": agent.profile.greeting,
                            "variables": agent.variables.joined(separator: ", "),
                            "callbacks": agent.profile.callbacks ? "on" : "off",
                        ] as [String: Any]
                    },
                    "hasAgents": !agents.isEmpty, "canCreate": user.may("createAgent"),
                ])
        }
        DashboardPages.page(router, "/numbers", services) { request, _, user in
            let numbers = try await services.catalog.numbers.list(orgId: user.orgId, afterId: nil, limit: pageSize)
                .items
            let carriers = try await services.catalog.carriers.list(orgId: user.orgId, afterId: nil, limit: pageSize)
                .items
            let names = Dictionary(uniqueKeysWithValues: carriers.map { ($0.id, $0.settings.name) })
            return DashboardView.page(
                "numbers", title: "Numbers", section: "/numbers", user: user, request: request,
                context: [
                    "numbers": numbers.map { number in
                        [
                            "id": number.id, "e164": number.e164, "label": number.label, "outbound": number.outbound,
                            "carrier": number.carrierId.map { names[$0] ?? "carrier \($0)" } ?? "—",
                            "carriers": carriers.map { carrier in
                                [
                                    "carrierId": carrier.id, "carrierName": carrier.settings.name,
                                    "selected": carrier.id == number.carrierId,
                                ] as [String: Any]
                            },
                        ] as [String: Any]
                    },
                    "hasNumbers": !numbers.isEmpty, "canCreate": user.may("createNumber"),
                    "canUpdate": user.may("updateNumber"),
                ])
        }
        DashboardPages.action(router, "/numbers/{id}", services, operation: { _ in "updateNumber" }) {
            fields, context, user in
            let id = try DashboardPages.id(context)
            let current = try await services.catalog.numbers.number(orgId: user.orgId, id: id)
            let carrierText = fields["carrierId"] ?? ""
            var carrierId: Int64?
            if !carrierText.isEmpty {
                guard let parsed = Int64(carrierText) else {
                    throw ServerFailure.invalid([
                        FieldProblem(field: "carrierId", detail: "must be a carrier's id, got '\(carrierText)'")
                    ])
                }
                carrierId = try await services.catalog.carriers.carrier(orgId: user.orgId, id: parsed).id
            }
            let number = try await services.catalog.numbers.update(
                orgId: user.orgId, id: id, e164: nil, label: current.label, carrierId: carrierId,
                outbound: fields["outbound"] == "on", by: .user(user.session.userId))
            return DashboardView.redirect("/numbers", notice: "\(number.e164) saved")
        }
        DashboardPages.action(router, "/numbers", services, operation: { _ in "createNumber" }) { fields, _, user in
            let number = try await services.catalog.numbers.create(
                orgId: user.orgId, e164: (fields["e164"] ?? "").trimmingCharacters(in: .whitespaces),
                label: fields["label"] ?? "", carrierId: nil, outbound: fields["outbound"] == "on",
                by: .user(user.session.userId))
            return DashboardView.redirect("/numbers", notice: "\(number.e164) added")
        }
        DashboardPages.page(router, "/opt-outs", services) { request, _, user in
            let search = String((request.uri.queryParameters["q"].map(String.init) ?? "").prefix(40))
            let page = try await services.catalog.optOuts.list(
                orgId: user.orgId, numberContains: search.isEmpty ? nil : search, after: nil, limit: pageSize)
            return DashboardView.page(
                "optouts", title: "Opt-outs", section: "/opt-outs", user: user, request: request,
                context: [
                    "optOuts": page.items.map { entry in
                        ["e164": entry.e164, "source": entry.source, "at": ISOTime.format(entry.createdAt)]
                    },
                    "hasOptOuts": !page.items.isEmpty, "more": page.next != nil, "search": search,
                    "canChange": user.may("addOptOuts"), "canRemove": user.may("removeOptOut"),
                ])
        }
        DashboardPages.action(router, "/opt-outs", services, operation: { _ in "addOptOuts" }) { fields, _, user in
            let added = try await services.catalog.optOuts.add(
                orgId: user.orgId, number: fields["number"] ?? "", source: "dashboard",
                by: .user(user.session.userId))
            let notice = added.created ? "\(added.optOut.e164) added" : "\(added.optOut.e164) was already on the list"
            return DashboardView.redirect("/opt-outs", notice: notice)
        }
        DashboardPages.action(router, "/opt-outs/remove", services, operation: { _ in "removeOptOut" }) {
            fields, _, user in
            let removed = try await services.catalog.optOuts.remove(
                orgId: user.orgId, number: fields["number"] ?? "", by: .user(user.session.userId))
            return DashboardView.redirect("/opt-outs", notice: "\(removed) removed")
        }
    }
}
