import CampaignCore
import CampaignStore
import Foundation

/// The phone-number use cases (SPEC §11), scoped to one organisation: register a number (E.164, checked against
/// the numbering plans) with its label, carrier and direction, list, read, and delete one no campaign uses.
public struct NumberCatalog: Sendable {
    let store: any CatalogStore
    let numbers: any NumberValidator
    let now: @Sendable () -> Date

    /// Use cases over `store`, checking numbers with `numbers`, on the clock `now`.
    public init(store: any CatalogStore, numbers: any NumberValidator, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.numbers = numbers
        self.now = now
    }

    /// A page of numbers by id.
    public func list(orgId: Int64, afterId: Int64?, limit: Int) async throws -> CatalogPage<OwnedNumber, Int64> {
        let found = try await store.numbers(orgId: orgId, afterId: afterId, limit: limit + 1)
        return CatalogPage(found: found, limit: limit, key: \.id)
    }

    /// The organisation's number.
    public func number(orgId: Int64, id: Int64) async throws -> OwnedNumber {
        guard let number = try await store.number(orgId: orgId, id: id) else {
            throw ServerFailure.notFound("number \(id) not found")
        }
        return number
    }

    /// Registers a number: `e164` must be a valid number written in E.164; `carrierId`, when given, one of the
    /// organisation's carriers; an inbound-only number (`outbound` false) is never a caller ID.
    public func create(
        orgId: Int64, e164: String, label: String, carrierId: Int64?, outbound: Bool, by principal: ActingPrincipal
    ) async throws -> OwnedNumber {
        var problems: [FieldProblem] = []
        if !E164.isWellFormed(e164) {
            problems.append(FieldProblem(field: "e164", detail: "must be E.164 (+ and 7 to 15 digits), got '\(e164)'"))
        } else if let reason = numbers.problem(with: e164) {
            problems.append(FieldProblem(field: "e164", detail: "\(e164): \(reason)"))
        }
        if label.count > 200 { problems.append(FieldProblem(field: "label", detail: "is longer than 200 characters")) }
        guard problems.isEmpty else { throw ServerFailure.invalid(problems) }
        return try await store.createNumber(
            orgId: orgId, e164: e164, label: label, carrierId: carrierId, outbound: outbound, now: now())
    }

    /// Changes a number's label, carrier and direction. Its E.164 is its identity: a `e164` other than the stored
    /// one is refused (register the other number instead); making it inbound-only is refused while a campaign
    /// names it (the refusal names the campaigns).
    public func update(
        orgId: Int64, id: Int64, e164: String?, label: String, carrierId: Int64?, outbound: Bool,
        by principal: ActingPrincipal
    ) async throws -> OwnedNumber {
        let current = try await number(orgId: orgId, id: id)
        var problems: [FieldProblem] = []
        if let e164, e164 != current.e164 {
            problems.append(
                FieldProblem(
                    field: "e164",
                    detail: "a number's E.164 cannot change (it is \(current.e164)); register \(e164) as a new number"))
        }
        if label.count > 200 { problems.append(FieldProblem(field: "label", detail: "is longer than 200 characters")) }
        guard problems.isEmpty else { throw ServerFailure.invalid(problems) }
        return try await store.updateNumber(
            orgId: orgId, id: id, label: label, carrierId: carrierId, outbound: outbound, now: now())
    }

    /// Deletes a number no campaign names (the refusal names the campaigns that do).
    public func delete(orgId: Int64, id: Int64, by principal: ActingPrincipal) async throws {
        try await store.deleteNumber(orgId: orgId, id: id, now: now())
    }
}
