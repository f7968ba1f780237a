import CampaignStore
import Foundation
import HummingbirdBcrypt

/// Users who sign in with an email and a password stored with bcrypt (SPEC §11).
public struct AccessUsers: Sendable {
    let store: any AccessStore & UserDirectory
    /// bcrypt's cost factor (2^cost rounds).
    let cost: UInt8

    /// Users kept in `store`, hashed at `cost`.
    public init(store: any AccessStore & UserDirectory, cost: UInt8 = 12) {
        self.store = store
        self.cost = cost
    }

    /// Creates a user with a generated password of 20 characters; returns the user's id and the password, which is
    /// not stored and cannot be shown again.
    public func create(
        orgId: Int64, email: String, role: AccessRole, now: Date
    ) async throws -> (id: Int64, password: String) {
        let address = try Self.emailAddress(email)
        let password = AccessKeys.randomText(count: 20)
        let hash = Bcrypt.hash(password, cost: cost)
        let id = try await store.createUser(orgId: orgId, email: address, passwordHash: hash, role: role, now: now)
        return (id, password)
    }

    /// `email` trimmed and lower-cased, or a failure when it is not an email address.
    static func emailAddress(_ email: String) throws -> String {
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), address.count <= 254 else {
            throw AppFailure("'\(email)' is not an email address")
        }
        return address
    }

    /// Whether `password` is the one `hash` was made from.
    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}
