import CampaignCore
import CampaignStore
import Foundation

/// The carrier use cases (SPEC §11, §12), scoped to one organisation. A carrier's password is stored to dial with
/// and never read back: the values these return carry only whether one is set.
public struct CarrierCatalog: Sendable {
    let store: any CatalogStore
    let now: @Sendable () -> Date

    /// Use cases over `store` on the clock `now`.
    public init(store: any CatalogStore, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.now = now
    }

    /// A page of carriers by id.
    public func list(orgId: Int64, afterId: Int64?, limit: Int) async throws -> CatalogPage<Carrier, Int64> {
        let found = try await store.carriers(orgId: orgId, afterId: afterId, limit: limit + 1)
        return CatalogPage(found: found, limit: limit, key: \.id)
    }

    /// The organisation's carrier.
    public func carrier(orgId: Int64, id: Int64) async throws -> Carrier {
        guard let carrier = try await store.carrier(orgId: orgId, id: id) else {
            throw ServerFailure.notFound("carrier \(id) not found")
        }
        return carrier
    }

    /// Stores a new carrier after checking every field (`twilio` is refused until its provider is built).
    public func create(orgId: Int64, draft: CarrierDraft, by principal: ActingPrincipal) async throws -> Carrier {
        let problems = draft.validate()
        guard problems.isEmpty else { throw ServerFailure.invalid(problems.map(\.fieldProblem)) }
        return try await store.createCarrier(orgId: orgId, draft: draft, now: now())
    }

    /// Replaces a carrier's fields after checking every one; a nil password keeps the stored one, an empty one
    /// removes it. Calls already placed keep their prices; later ones use the new rate.
    public func update(
        orgId: Int64, id: Int64, draft: CarrierDraft, by principal: ActingPrincipal
    ) async throws -> Carrier {
        _ = try await carrier(orgId: orgId, id: id)
        let problems = draft.validate()
        guard problems.isEmpty else { throw ServerFailure.invalid(problems.map(\.fieldProblem)) }
        return try await store.updateCarrier(orgId: orgId, id: id, draft: draft, now: now())
    }

    /// Deletes a carrier no number uses (the refusal names the numbers that do).
    public func delete(orgId: Int64, id: Int64, by principal: ActingPrincipal) async throws {
        try await store.deleteCarrier(orgId: orgId, id: id, now: now())
    }
}
