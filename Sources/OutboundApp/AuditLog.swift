import CampaignCore
import CampaignStore
import Foundation

/// The audit log's use cases (SPEC §9): reading an organisation's log, and its exemption from the quiet hours, which
/// only an admin grants, always with a reason, and which the log records.
public struct AuditLog: Sendable {
    let store: any AuditStore
    let now: @Sendable () -> Date

    /// Use cases over `store` on the clock `now`.
    public init(store: any AuditStore, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.now = now
    }

    /// One page of the organisation's log, newest first, and the id to continue before when there are more.
    public func entries(
        orgId: Int64, filter: AuditFilter, beforeId: Int64?, limit: Int
    ) async throws -> (items: [AuditEntry], next: Int64?) {
        let found = try await store.auditEntries(orgId: orgId, filter: filter, beforeId: beforeId, limit: limit + 1)
        let items = Array(found.prefix(limit))
        return (items, found.count > limit ? items.last?.id : nil)
    }

    /// The organisation's exemption from the quiet hours, or nil.
    public func exemption(orgId: Int64) async throws -> HoursExemption? {
        try await store.hoursExemption(orgId: orgId)
    }

    /// Exempts the organisation from the quiet hours (never from opt-outs or caps); the reason is required.
    public func grantExemption(orgId: Int64, reason: String) async throws -> HoursExemption {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw ServerFailure.invalid([FieldProblem(field: "reason", detail: "say why the organisation is exempted")])
        }
        guard trimmed.count <= 500 else {
            throw ServerFailure.invalid([FieldProblem(field: "reason", detail: "is longer than 500 characters")])
        }
        try await store.setHoursExemption(orgId: orgId, reason: trimmed, now: now())
        guard let granted = try await store.hoursExemption(orgId: orgId) else {
            throw ServerFailure.conflict("the exemption was not stored")
        }
        return granted
    }

    /// Ends the organisation's exemption; the quiet hours apply again from the runners' next look.
    public func endExemption(orgId: Int64) async throws {
        try await store.setHoursExemption(orgId: orgId, reason: nil, now: now())
    }
}
