import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp

/// `/carriers`, `/carriers/new` and `/carriers/{id}`: the organisation's carriers through ``CarrierCatalog`` (list,
/// add, edit, delete). A password is never shown, only whether one is set; on edit an empty password field keeps the
/// stored one and the "remove password" box clears it. Every field of `POST /v1/carriers` is a form input of the
/// same name.
enum CarrierPages {
    static func add(to router: Router<ServerRequestContext>, services: ServerServices) {
        DashboardPages.page(router, "/carriers", services) { request, _, user in
            let carriers = try await services.catalog.carriers.list(orgId: user.orgId, afterId: nil, limit: 100).items
            return DashboardView.page(
                "carriers", title: "Carriers", section: "/carriers", user: user, request: request,
                context: [
                    "carriers": carriers.map(row), "hasCarriers": !carriers.isEmpty,
                    "canCreate": user.may("createCarrier"), "canDelete": user.may("deleteCarrier"),
                ])
        }
        DashboardPages.page(router, "/carriers/new", services) { request, _, user in
            page(request, user: user, carrier: nil)
        }
        DashboardPages.page(router, "/carriers/{id}", services) { request, context, user in
            let carrier = try await services.catalog.carriers.carrier(
                orgId: user.orgId, id: try DashboardPages.id(context))
            return page(request, user: user, carrier: carrier)
        }
        DashboardPages.action(router, "/carriers/new", services, operation: { _ in "createCarrier" }) {
            fields, _, user in
            var draft = try draft(fields)
            if draft.password?.isEmpty == true { draft.password = nil }
            let carrier = try await services.catalog.carriers.create(
                orgId: user.orgId, draft: draft, by: .user(user.session.userId))
            return DashboardView.redirect("/carriers", notice: "Carrier \(carrier.settings.name) added")
        }
        DashboardPages.action(router, "/carriers/{id}", services, operation: { _ in "updateCarrier" }) {
            fields, context, user in
            var draft = try draft(fields)
            if fields["removePassword"] == "on" {
                draft.password = ""
            } else if draft.password?.isEmpty == true {
                draft.password = nil
            }
            let carrier = try await services.catalog.carriers.update(
                orgId: user.orgId, id: try DashboardPages.id(context), draft: draft, by: .user(user.session.userId))
            return DashboardView.redirect("/carriers", notice: "Carrier \(carrier.settings.name) saved")
        }
        DashboardPages.action(router, "/carriers/{id}/delete", services, operation: { _ in "deleteCarrier" }) {
            _, context, user in
            let id = try DashboardPages.id(context)
            let carrier = try await services.catalog.carriers.carrier(orgId: user.orgId, id: id)
            try await services.catalog.carriers.delete(orgId: user.orgId, id: id, by: .user(user.session.userId))
            return DashboardView.redirect("/carriers", notice: "Carrier \(carrier.settings.name) deleted")
        }
    }

    /// A carrier as a table row (the password only as "set" or "none").
    static func row(_ carrier: Carrier) -> [String: Any] {
        let settings = carrier.settings
        return [
            "id": carrier.id, "name": settings.name, "kind": settings.kind.rawValue,
            "address": settings.address.isEmpty ? "—" : settings.address,
            "username": settings.username.isEmpty ? "—" : settings.username,
            "password": carrier.hasPassword ? "set" : "none",
            "cps": settings.cps.map(String.init) ?? "no limit", "ringTimeoutSeconds": settings.ringTimeoutSeconds,
            "ratePerMinute": settings.ratePerMinute?.description ?? "—",
            "billingIncrementSeconds": settings.billingIncrementSeconds,
        ]
    }

    /// The add form (`carrier` nil) or the edit form of `carrier`.
    static func page(_ request: Request, user: DashboardUser, carrier: Carrier?) -> Response {
        let settings = carrier?.settings ?? CarrierDraft(name: "")
        var context: [String: Any] = [
            "carrierName": settings.name, "address": settings.address, "username": settings.username,
            "simulator": settings.kind == .simulator, "sip": settings.kind == .sip,
            "cps": settings.cps.map(String.init) ?? "", "ringTimeoutSeconds": settings.ringTimeoutSeconds,
            "ratePerMinute": settings.ratePerMinute?.description ?? "",
            "billingIncrementSeconds": settings.billingIncrementSeconds,
            "canSave": user.may(carrier == nil ? "createCarrier" : "updateCarrier"),
            "canDelete": carrier != nil && user.may("deleteCarrier"),
            "action": carrier.map { "/carriers/\($0.id)" } ?? "/carriers/new",
        ]
        if let carrier {
            context["id"] = carrier.id
            context["hasPassword"] = carrier.hasPassword
        }
        return DashboardView.page(
            "carrier", title: carrier.map { $0.settings.name } ?? "New carrier", section: "/carriers", user: user,
            request: request, context: context)
    }

    /// The carrier the form's fields describe; a number field that is not one is refused naming it.
    static func draft(_ fields: [String: String]) throws -> CarrierDraft {
        let kindText = fields["kind"] ?? ""
        guard let kind = CarrierKind(rawValue: kindText) else {
            throw ServerFailure.invalid([
                FieldProblem(field: "kind", detail: "must be simulator or sip, got '\(kindText)'")
            ])
        }
        var problems: [FieldProblem] = []
        func integer(_ key: String) -> Int? {
            let text = (fields[key] ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let value = Int(text) else {
                problems.append(FieldProblem(field: key, detail: "must be a whole number, got '\(text)'"))
                return nil
            }
            return value
        }
        var draft = CarrierDraft(name: (fields["name"] ?? "").trimmingCharacters(in: .whitespaces), kind: kind)
        draft.address = (fields["address"] ?? "").trimmingCharacters(in: .whitespaces)
        draft.username = fields["username"] ?? ""
        draft.password = fields["password"]
        draft.cps = integer("cps")
        draft.ringTimeoutSeconds = integer("ringTimeoutSeconds") ?? draft.ringTimeoutSeconds
        draft.billingIncrementSeconds = integer("billingIncrementSeconds") ?? draft.billingIncrementSeconds
        let rate = (fields["ratePerMinute"] ?? "").trimmingCharacters(in: .whitespaces)
        if !rate.isEmpty {
            if let amount = MicroAmount(decimal: rate) {
                draft.ratePerMinute = amount
            } else {
                problems.append(
                    FieldProblem(
                        field: "ratePerMinute", detail: "must be a decimal ≥ 0 with at most 6 places, got '\(rate)'"))
            }
        }
        guard problems.isEmpty else { throw ServerFailure.invalid(problems) }
        return draft
    }
}
