import CampaignStore
import Crypto
import Foundation

/// Who a request acts for: an organisation and a role, through one API key or one signed-in user's session.
public struct AccessPrincipal: Sendable, Equatable {
    /// The organisation every query of the request is scoped to.
    public var orgId: Int64
    /// What the request may do.
    public var role: AccessRole
    /// The key that authenticated it; nil for a session.
    public var keyId: Int64?
    /// The signed-in user whose session authenticated it; nil for a key.
    public var userId: Int64?
    /// What people recognise it by in the audit log: the user's email, or the key's name and visible prefix.
    public var label = ""

    /// A principal of an API key.
    public init(orgId: Int64, role: AccessRole, keyId: Int64) {
        self.orgId = orgId
        self.role = role
        self.keyId = keyId
    }

    /// A principal of a user's session.
    public init(orgId: Int64, role: AccessRole, userId: Int64) {
        self.orgId = orgId
        self.role = role
        self.userId = userId
    }
}

/// What presenting a key came to.
public enum KeyCheck: Sendable, Equatable {
    /// A working key.
    case valid(AccessPrincipal)
    /// A key that was revoked.
    case revoked
    /// Not a key of this database.
    case unknown
}

/// API keys (SPEC §11): `ob_` + 8 visible characters + `_` + 40 secret ones, 200 random bits in all. Only the SHA-256
/// of a key is stored; the key itself is shown once, when it is created.
public struct AccessKeys: Sendable {
    let store: any AccessStore
    /// How long a recorded last use stays good enough before a request records a newer one (saves a write per
    /// request).
    let lastUsedResolution: TimeInterval

    /// Keys kept in `store`.
    public init(store: any AccessStore, lastUsedResolution: TimeInterval = 60) {
        self.store = store
        self.lastUsedResolution = lastUsedResolution
    }

    /// Creates a key for the organisation; returns its record and the key, which is not stored and cannot be shown
    /// again.
    public func create(
        orgId: Int64, name: String, role: AccessRole, now: Date
    ) async throws -> (record: APIKeyRecord, key: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw AppFailure("a key's name is 1 to 100 characters")
        }
        let prefix = "ob_" + Self.randomText(count: 8)
        let key = prefix + "_" + Self.randomText(count: 40)
        let record = try await store.createAPIKey(
            orgId: orgId, name: trimmed, role: role, prefix: prefix, secretHash: Self.hash(key), now: now)
        return (record, key)
    }

    /// What `key` (the text after `Bearer `) is; a valid key's use is recorded at `now`.
    public func check(_ key: String, now: Date) async throws -> KeyCheck {
        guard key.hasPrefix("ob_"), key.utf8.count == 52 else { return .unknown }
        guard let record = try await store.apiKey(secretHash: Self.hash(key)) else { return .unknown }
        guard record.revokedAt == nil else { return .revoked }
        if record.lastUsedAt.map({ now.timeIntervalSince($0) >= lastUsedResolution }) ?? true {
            try await store.markAPIKeyUsed(id: record.id, now: now)
        }
        var principal = AccessPrincipal(orgId: record.orgId, role: record.role, keyId: record.id)
        principal.label = "\(record.name) (\(record.prefix)…)"
        return .valid(principal)
    }

    /// The organisation's keys (never their secrets).
    public func list(orgId: Int64) async throws -> [APIKeyRecord] { try await store.apiKeys(orgId: orgId) }

    /// Revokes one of the organisation's keys; fails when it has no key with this id.
    public func revoke(orgId: Int64, id: Int64, now: Date) async throws -> APIKeyRecord {
        guard let record = try await store.revokeAPIKey(orgId: orgId, id: id, now: now) else {
            throw AppFailure("no API key \(id) in this organisation")
        }
        return record
    }

    /// The stored form of a key: its SHA-256 in lowercase hex.
    public static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// `count` characters of `[0-9a-z]` from the system's secure random source.
    static func randomText(count: Int) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
