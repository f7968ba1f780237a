import CampaignStore

extension AccessPrincipal {
    /// Who the request acts as in the audit log: the signed-in user, or the API key.
    public var auditActor: AuditActor {
        if let userId { return AuditActor(kind: "user", id: userId, label: label.isEmpty ? "user \(userId)" : label) }
        let id = keyId ?? 0
        return AuditActor(kind: "key", id: id, label: label.isEmpty ? "key \(id)" : label)
    }
}
