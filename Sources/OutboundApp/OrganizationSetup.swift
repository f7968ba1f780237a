import CampaignStore
import Foundation
import HummingbirdBcrypt

/// `outbound org create`: a new organisation with its admin user and a first admin API key, all in one transaction
/// (SPEC §11). The generated password and the key are returned once; only their hashes are stored.
public struct OrganizationSetup: Sendable {
    /// What was created, with the secrets shown only now.
    public struct Created: Sendable, Equatable, Encodable {
        public var orgId: Int64
        public var adminEmail: String
        public var password: String
        public var apiKey: String
    }

    let store: any AccessStore
    let bcryptCost: UInt8

    /// A set-up writing to `store`, hashing the password at `bcryptCost`.
    public init(store: any AccessStore, bcryptCost: UInt8 = 12) {
        self.store = store
        self.bcryptCost = bcryptCost
    }

    /// Creates the organisation `name` with the admin `adminEmail`; refuses an empty or overlong name, a name or an
    /// email taken already, and text that is not an email address, storing nothing.
    public func create(name: String, adminEmail: String, now: Date) async throws -> Created {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100, !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { throw AppFailure("an organisation's name is 1 to 100 characters without control characters") }
        let email = try AccessUsers.emailAddress(adminEmail)
        let password = AccessKeys.randomText(count: 20)
        let prefix = "ob_" + AccessKeys.randomText(count: 8)
        let key = prefix + "_" + AccessKeys.randomText(count: 40)
        let setup = NewOrganization(
            name: trimmed, adminEmail: email, passwordHash: Bcrypt.hash(password, cost: bcryptCost), keyName: "admin",
            keyPrefix: prefix, keyHash: AccessKeys.hash(key))
        let orgId = try await store.createOrganization(setup, now: now)
        return Created(orgId: orgId, adminEmail: email, password: password, apiKey: key)
    }
}
