import CampaignStore
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// A user as the API and the CLI show it: never the password hash.
public struct UserSummary: Sendable, Equatable, Encodable {
    /// Store id.
    public var id: Int64
    /// Sign-in email.
    public var email: String
    /// What the user may do.
    public var role: AccessRole

    /// Creates a summary.
    public init(id: Int64, email: String, role: AccessRole) {
        self.id = id
        self.email = email
        self.role = role
    }

    /// The summary of a stored user.
    public init(_ record: UserRecord) { self.init(id: record.id, email: record.email, role: record.role) }
}

/// Managing an organisation's users (admins over HTTP, operators with `outbound user …`).
extension AccessUsers {
    /// The shortest password a user may choose (a generated one is 20 characters).
    public static let minimumPasswordLength = 12
    /// bcrypt reads at most 72 bytes of a password.
    public static let maximumPasswordBytes = 72

    /// Adds a user to the organisation with `password`, or a generated one when nil; returns the user and the
    /// generated password (nil when one was given). Refuses a bad email, a weak or overlong password and an email
    /// taken already (in any organisation), naming the field and storing nothing.
    public func add(
        orgId: Int64, email: String, password: String?, role: AccessRole, now: Date
    ) async throws -> (user: UserSummary, generatedPassword: String?) {
        let address: String
        do {
            address = try Self.emailAddress(email)
        } catch let failure as AppFailure {
            throw ServerFailure.invalid([FieldProblem(field: "email", detail: failure.message)])
        }
        if let password {
            guard password.count >= Self.minimumPasswordLength, password.utf8.count <= Self.maximumPasswordBytes
            else {
                throw ServerFailure.invalid([
                    FieldProblem(
                        field: "password",
                        detail: "a password is \(Self.minimumPasswordLength) characters to "
                            + "\(Self.maximumPasswordBytes) bytes")
                ])
            }
        }
        guard try await store.user(email: address) == nil else {
            throw ServerFailure.conflict("email: a user with the email '\(address)' exists already")
        }
        let chosen = password ?? AccessKeys.randomText(count: 20)
        let cost = self.cost
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(chosen, cost: cost) }
        let id = try await store.createUser(orgId: orgId, email: address, passwordHash: hash, role: role, now: now)
        return (UserSummary(id: id, email: address, role: role), password == nil ? chosen : nil)
    }

    /// The organisation's users, oldest first.
    public func list(orgId: Int64) async throws -> [UserSummary] {
        try await store.users(orgId: orgId).map(UserSummary.init)
    }

    /// Changes a user's role; refuses to demote the organisation's last admin (409) and a user it does not have
    /// (404).
    public func setRole(orgId: Int64, id: Int64, role: AccessRole, now: Date) async throws -> UserSummary {
        do {
            guard let user = try await store.setUserRole(orgId: orgId, id: id, role: role, now: now) else {
                throw ServerFailure.notFound("user '\(id)' not found")
            }
            return UserSummary(user)
        } catch let error as UserDirectoryError {
            throw ServerFailure.conflict(error.description)
        }
    }

    /// Removes a user and ends their sessions; refuses the organisation's last admin (409) and a user it does not
    /// have (404).
    public func remove(orgId: Int64, id: Int64, now: Date) async throws {
        do {
            guard try await store.deleteUser(orgId: orgId, id: id, now: now) else {
                throw ServerFailure.notFound("user '\(id)' not found")
            }
        } catch let error as UserDirectoryError {
            throw ServerFailure.conflict(error.description)
        }
    }
}
