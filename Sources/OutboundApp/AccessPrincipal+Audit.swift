import CampaignStore

extension AccessPrincipal {
    /// Who the request acts as in the audit log.
    public var auditActor: AuditActor { AuditActor(kind: "key", id: keyId, label: "key \(keyId)") }
}
