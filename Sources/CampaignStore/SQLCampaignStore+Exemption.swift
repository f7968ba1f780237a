import CampaignCore
import Foundation
import SQLKit

/// An organisation's exemption from the quiet hours (SPEC §9): who granted it, why and when.
public struct HoursExemption: Sendable, Equatable {
    /// Why (required).
    public var reason: String
    /// Who granted it (the audit log's label).
    public var grantedBy: String
    /// When.
    public var grantedAt: Date

    /// Creates a record.
    public init(reason: String, grantedBy: String, grantedAt: Date) {
        self.reason = reason
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
    }
}

extension SQLCampaignStore {
    public func complianceExemptions(orgId: Int64) async throws -> ComplianceExemptions {
        ComplianceExemptions(hours: try await hoursExemption(orgId: orgId) != nil)
    }

    /// The organisation's exemption from the quiet hours, or nil.
    public func hoursExemption(orgId: Int64) async throws -> HoursExemption? {
        try await read { db in
            let text = try await db.raw("SELECT hours_exemption FROM organizations WHERE id = \(bind: orgId)")
                .first()?.decode(column: "hours_exemption", as: String?.self)
            guard let text, let fields = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
            else { return nil }
            return HoursExemption(
                reason: fields["reason"] ?? "", grantedBy: fields["by"] ?? "",
                grantedAt: Millis.date(Int64(fields["at"] ?? "") ?? 0))
        }
    }

    /// Exempts the organisation from the quiet hours with `reason`, or ends its exemption (nil), and records it in
    /// the audit log in the same transaction. Opt-outs and frequency caps still apply.
    public func setHoursExemption(orgId: Int64, reason: String?, now: Date) async throws {
        try await transaction { db in
            guard try await db.raw("SELECT 1 AS hit FROM organizations WHERE id = \(bind: orgId)").first() != nil else {
                throw StoreError.database("organisation \(orgId) does not exist")
            }
            let actor = AuditContext.actor ?? .system
            let stored = reason.map {
                JSONText.object(["reason": $0, "by": actor.label, "at": "\(Millis.from(now))"])
            }
            try await db.raw("UPDATE organizations SET hours_exemption = \(bind: stored) WHERE id = \(bind: orgId)")
                .run()
            try await recordAudit(
                db, orgId: orgId, action: reason == nil ? "organization.exemption.end" : "organization.exemption.grant",
                target: ("organization", orgId), detail: reason.map { ["reason": $0] } ?? [:], now: now)
        }
    }
}
