import CampaignCore
import Foundation

/// What a person or program may do in its organisation (SPEC §11): `admin` everything, `operator` campaigns, contacts
/// and opt-outs, `viewer` read only.
public enum AccessRole: String, Sendable, CaseIterable, Codable, Comparable {
    case viewer
    case `operator`
    case admin

    /// Whether this role includes everything `needed` may do.
    public func allows(_ needed: AccessRole) -> Bool { self >= needed }

    public static func < (lhs: AccessRole, rhs: AccessRole) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .operator: 1
        case .admin: 2
        }
    }
}

/// An organisation (the tenant) as the access commands list it.
public struct OrganizationRecord: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Display name.
    public var name: String

    /// Creates a record.
    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

/// A user as stored: the password only as its bcrypt hash.
public struct UserRecord: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// Sign-in email, lower-cased.
    public var email: String
    /// bcrypt hash of the password.
    public var passwordHash: String
    /// What the user may do.
    public var role: AccessRole
}

/// An API key as stored: never its secret, only the secret's SHA-256 and the visible prefix.
public struct APIKeyRecord: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// Owning organisation.
    public var orgId: Int64
    /// What the key is for, as its creator named it.
    public var name: String
    /// The first characters of the key (`ob_1a2b3c4d`), shown in lists so a key can be recognised.
    public var prefix: String
    /// The role the key acts with.
    public var role: AccessRole
    /// When it was created.
    public var createdAt: Date
    /// When it last authenticated a request (recorded at most once a minute); nil when never.
    public var lastUsedAt: Date?
    /// When it was revoked; nil while it works.
    public var revokedAt: Date?

    /// Creates a record.
    public init(
        id: Int64, orgId: Int64, name: String, prefix: String, role: AccessRole, createdAt: Date,
        lastUsedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.orgId = orgId
        self.name = name
        self.prefix = prefix
        self.role = role
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// Who may use the API and dashboard: organisations, API keys and users. Every query is scoped by organisation, except
/// the look-up of a key by its hash (which is how a request finds its organisation).
public protocol AccessStore: Sendable {
    /// Every organisation, by id.
    func organizations() async throws -> [OrganizationRecord]
    /// Stores a new key (its secret's SHA-256 in hex, and its visible prefix).
    func createAPIKey(
        orgId: Int64, name: String, role: AccessRole, prefix: String, secretHash: String, now: Date
    ) async throws -> APIKeyRecord
    /// The key whose secret hashes to `secretHash`, revoked or not; nil when there is none.
    func apiKey(secretHash: String) async throws -> APIKeyRecord?
    /// Records that the key authenticated a request at `now`.
    func markAPIKeyUsed(id: Int64, now: Date) async throws
    /// The organisation's keys, oldest first.
    func apiKeys(orgId: Int64) async throws -> [APIKeyRecord]
    /// Revokes one of the organisation's keys (a key revoked already keeps its first revocation time); nil when the
    /// organisation has no key with this id.
    func revokeAPIKey(orgId: Int64, id: Int64, now: Date) async throws -> APIKeyRecord?
    /// Creates a user who signs in with `email` (unique across the database) and a password stored as
    /// `passwordHash` (bcrypt); returns the user's id.
    func createUser(
        orgId: Int64, email: String, passwordHash: String, role: AccessRole, now: Date
    ) async throws -> Int64
    /// The user who signs in with `email`, or nil.
    func user(email: String) async throws -> UserRecord?
    /// Creates an organisation with its first admin user and first admin API key in one transaction (nothing is
    /// stored when any part is refused: a name or an email taken already); returns the organisation's id.
    func createOrganization(_ setup: NewOrganization, now: Date) async throws -> Int64
}

/// An organisation as `outbound org create` makes it: a unique name, an admin user, an admin API key.
public struct NewOrganization: Sendable {
    /// The organisation's name (unique in the database).
    public var name: String
    /// The admin's email (lower-cased, unique in the database).
    public var adminEmail: String
    /// The admin's password, hashed with bcrypt.
    public var passwordHash: String
    /// The first key's name, visible prefix and secret's SHA-256.
    public var keyName: String
    public var keyPrefix: String
    public var keyHash: String

    /// Creates the set-up.
    public init(
        name: String, adminEmail: String, passwordHash: String, keyName: String, keyPrefix: String, keyHash: String
    ) {
        self.name = name
        self.adminEmail = adminEmail
        self.passwordHash = passwordHash
        self.keyName = keyName
        self.keyPrefix = keyPrefix
        self.keyHash = keyHash
    }
}
