import Foundation

/// A dashboard session as stored: never its token, only the token's SHA-256; the role is the user's current one.
public struct SessionRecord: Sendable, Equatable, Identifiable {
    /// Store id.
    public var id: Int64
    /// The signed-in user.
    public var userId: Int64
    /// The user's organisation.
    public var orgId: Int64
    /// The user's email.
    public var email: String
    /// The user's role now (a role change applies to live sessions at once).
    public var role: AccessRole
    /// The token every unsafe request of the session must echo (`X-CSRF-Token` or the `csrf` form field).
    public var csrfToken: String
    /// When the user signed in.
    public var createdAt: Date
    /// When the session last authenticated a request (recorded at most once a minute).
    public var lastSeenAt: Date
    /// The end of its absolute lifetime.
    public var expiresAt: Date

    /// Creates a record.
    public init(
        id: Int64, userId: Int64, orgId: Int64, email: String, role: AccessRole, csrfToken: String, createdAt: Date,
        lastSeenAt: Date, expiresAt: Date
    ) {
        self.id = id
        self.userId = userId
        self.orgId = orgId
        self.email = email
        self.role = role
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}

/// What a failed sign-in is counted against.
public enum SignInSubject: Sendable, Equatable {
    /// The email that was tried (lower-cased), known or not.
    case account(String)
    /// The client's address.
    case address(String)

    /// The stored kind.
    var kind: String {
        switch self {
        case .account: "account"
        case .address: "address"
        }
    }

    /// The stored subject.
    var value: String {
        switch self {
        case .account(let email): email
        case .address(let address): address
        }
    }
}

/// Sessions of signed-in users and the failed sign-ins that throttle guessing. Sessions and failures are looked up
/// by token hash or by email/address before any organisation is known (as API keys are); everything else is scoped by
/// organisation.
public protocol SessionStore: Sendable {
    /// Stores a new session of `userId` (its token's SHA-256 in hex); nil when the user does not exist.
    func createSession(
        userId: Int64, tokenHash: String, csrfToken: String, now: Date, expiresAt: Date
    ) async throws -> SessionRecord?
    /// The session whose token hashes to `tokenHash`, with its user's current role; nil when there is none.
    func session(tokenHash: String) async throws -> SessionRecord?
    /// Records that the session authenticated a request at `now`.
    func markSessionSeen(id: Int64, now: Date) async throws
    /// Ends a session (nothing when it has ended already).
    func deleteSession(id: Int64) async throws
    /// Removes the sessions that ended (absolute lifetime past, or idle since before `idleBefore`).
    func deleteEndedSessions(now: Date, idleBefore: Date) async throws

    /// When each failure against `subject` since `since` happened, oldest first.
    func signInFailures(_ subject: SignInSubject, since: Date) async throws -> [Date]
    /// Counts one failed sign-in against each of `subjects` at `now`, and forgets failures from before `forgetBefore`.
    func recordSignInFailure(_ subjects: [SignInSubject], now: Date, forgetBefore: Date) async throws
    /// Forgets the failures counted against `subject` (a successful sign-in resets its account's count).
    func clearSignInFailures(_ subject: SignInSubject) async throws
}

/// An organisation's users as its admins manage them (every query scoped by organisation).
public protocol UserDirectory: Sendable {
    /// The organisation's users, oldest first.
    func users(orgId: Int64) async throws -> [UserRecord]
    /// One of the organisation's users; nil when it has none with this id.
    func user(orgId: Int64, id: Int64) async throws -> UserRecord?
    /// Changes a user's role; refuses to demote the organisation's last admin. Nil when there is no such user.
    func setUserRole(orgId: Int64, id: Int64, role: AccessRole, now: Date) async throws -> UserRecord?
    /// Removes a user and ends their sessions; refuses to remove the organisation's last admin. False when there is
    /// no such user.
    func deleteUser(orgId: Int64, id: Int64, now: Date) async throws -> Bool
}

/// A refusal about users the caller can act on.
public enum UserDirectoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The change would leave the organisation without an admin user.
    case lastAdmin(userId: Int64)

    /// One line for the operator.
    public var description: String {
        switch self {
        case .lastAdmin(let id):
            "user \(id) is the organisation's last admin; make another user admin first"
        }
    }
}
