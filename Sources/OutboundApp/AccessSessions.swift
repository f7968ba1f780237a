import CampaignStore
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// What a sign-in came to.
public enum SignInOutcome: Sendable, Equatable {
    /// The password matched: a new session, with its token (kept only in the cookie; the store has its hash).
    case signedIn(token: String, session: SessionRecord)
    /// Wrong email or password (the same answer for both).
    case refused
    /// Too many failures for the account or the address: not checked; try again after this many seconds.
    case throttled(retryAfter: Int)
}

/// What presenting a session token came to.
public enum SessionCheck: Sendable, Equatable {
    /// A live session.
    case valid(SessionRecord)
    /// A session that idled out or outlived its lifetime (now removed).
    case ended
    /// Not a session of this database.
    case unknown
}

/// Dashboard sign-in (SPEC §11): bcrypt passwords checked off the event loop, sessions stored as their token's
/// SHA-256 with a CSRF token, failed sign-ins counted in the database per account and per address (so every process
/// on it agrees) under ``SignInPolicy``.
public struct AccessSessions: Sendable {
    let store: any AccessStore & SessionStore
    let policy: SignInPolicy
    /// The hash an unknown email is checked against, so it costs the same bcrypt time as a known one.
    let decoyHash: String

    /// Sessions kept in `store` under `policy`; unknown emails cost a bcrypt check at `cost`.
    public init(store: any AccessStore & SessionStore, policy: SignInPolicy = .standard, cost: UInt8 = 12) {
        self.store = store
        self.policy = policy
        self.decoyHash = Bcrypt.hash(Self.randomHex(bytes: 16), cost: cost)
    }

    /// Signs `email` in with `password` from the client `address` at `now`: throttled before anything is checked,
    /// then the password verified (an unknown email is verified against a decoy hash, taking as long).
    public func signIn(
        email: String, password: String, address clientAddress: String, now: Date
    ) async throws -> SignInOutcome {
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        let account = SignInSubject.account(address)
        let client = SignInSubject.address(clientAddress)
        let since = now.addingTimeInterval(-policy.window)
        let waits = [
            policy.retryAfter(
                try await store.signInFailures(account, since: since), limit: policy.accountFailures, now: now),
            policy.retryAfter(
                try await store.signInFailures(client, since: since), limit: policy.addressFailures, now: now),
        ].compactMap { $0 }
        if let wait = waits.max() { return .throttled(retryAfter: wait) }
        let user = try await store.user(email: address)
        let hash = user?.passwordHash ?? decoyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard let user, matches else {
            try await store.recordSignInFailure([account, client], now: now, forgetBefore: since)
            return .refused
        }
        try await store.clearSignInFailures(account)
        try await store.deleteEndedSessions(now: now, idleBefore: now.addingTimeInterval(-policy.idleTimeout))
        let token = Self.randomHex(bytes: 32)
        guard
            let session = try await store.createSession(
                userId: user.id, tokenHash: AccessKeys.hash(token), csrfToken: Self.randomHex(bytes: 32), now: now,
                expiresAt: now.addingTimeInterval(policy.lifetime))
        else { return .refused }
        return .signedIn(token: token, session: session)
    }

    /// What the session token `token` (the cookie's value) is at `now`; a live session's use is recorded.
    public func check(_ token: String, now: Date) async throws -> SessionCheck {
        guard token.utf8.count == 64, token.utf8.allSatisfy({ Self.hexDigits.contains($0) }) else { return .unknown }
        guard let session = try await store.session(tokenHash: AccessKeys.hash(token)) else { return .unknown }
        if session.expiresAt <= now || now.timeIntervalSince(session.lastSeenAt) >= policy.idleTimeout {
            try await store.deleteSession(id: session.id)
            return .ended
        }
        if now.timeIntervalSince(session.lastSeenAt) >= policy.seenResolution {
            try await store.markSessionSeen(id: session.id, now: now)
        }
        return .valid(session)
    }

    /// Ends a session.
    public func signOut(sessionId: Int64) async throws { try await store.deleteSession(id: sessionId) }

    /// Whether `presented` is `expected`, compared in time that does not depend on where they differ.
    public static func tokensMatch(_ presented: String, _ expected: String) -> Bool {
        let lhs = Array(presented.utf8)
        let rhs = Array(expected.utf8)
        guard lhs.count == rhs.count, !rhs.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    /// A fresh random token (256 bits, lowercase hex): a session's, a CSRF token, a form's.
    public static func newToken() -> String { randomHex(bytes: 32) }

    static let hexDigits = Set("0123456789abcdef".utf8)

    /// `bytes` bytes from the system's secure random source, as lowercase hex.
    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }
}
