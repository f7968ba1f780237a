import CampaignCore
import Foundation
import Testing

@testable import CampaignStore

@Suite("Sessions, failed sign-ins and users in the store")
struct SessionStoreTests {
    static let now = Date(timeIntervalSince1970: 1_772_550_000)

    static func user(
        in store: SQLCampaignStore, org: String, email: String, role: AccessRole = .admin
    ) async throws -> (orgId: Int64, userId: Int64) {
        let orgId = try await store.organization(named: org, now: now)
        let userId = try await store.createUser(
            orgId: orgId, email: email, passwordHash: "$2b$04$x", role: role, now: now)
        return (orgId, userId)
    }

    @Test("a session is found by its token's hash with the user's current role, and ends when deleted")
    func sessions() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, userId) = try await Self.user(in: store, org: "a", email: "ann@a.example")
            let created = try #require(
                try await store.createSession(
                    userId: userId, tokenHash: "h1", csrfToken: "c1", now: Self.now,
                    expiresAt: Self.now.addingTimeInterval(3600)))
            #expect(created.orgId == orgId && created.role == .admin && created.email == "ann@a.example")
            #expect(try await store.session(tokenHash: "h1") == created)
            #expect(try await store.session(tokenHash: "h2") == nil)
            _ = try await store.createUser(
                orgId: orgId, email: "bo@a.example", passwordHash: "$2b$04$x", role: .admin, now: Self.now)
            _ = try await store.setUserRole(orgId: orgId, id: userId, role: .viewer, now: Self.now)
            #expect(try await store.session(tokenHash: "h1")?.role == .viewer)
            try await store.markSessionSeen(id: created.id, now: Self.now.addingTimeInterval(60))
            #expect(try await store.session(tokenHash: "h1")?.lastSeenAt == Self.now.addingTimeInterval(60))
            try await store.deleteSession(id: created.id)
            #expect(try await store.session(tokenHash: "h1") == nil)
            #expect(
                try await store.createSession(
                    userId: 999, tokenHash: "h3", csrfToken: "c", now: Self.now, expiresAt: Self.now) == nil)
        }
    }

    @Test("ended sessions (past their lifetime or idle) are swept; live ones stay")
    func sweep() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, userId) = try await Self.user(in: store, org: "a", email: "ann@a.example")
            for (hash, expires) in [("old", 10.0), ("live", 7200.0)] {
                _ = try await store.createSession(
                    userId: userId, tokenHash: hash, csrfToken: "c", now: Self.now,
                    expiresAt: Self.now.addingTimeInterval(expires))
            }
            try await store.deleteEndedSessions(now: Self.now.addingTimeInterval(60), idleBefore: Self.now)
            #expect(try await store.session(tokenHash: "old") == nil)
            #expect(try await store.session(tokenHash: "live") != nil)
            try await store.deleteEndedSessions(
                now: Self.now.addingTimeInterval(60), idleBefore: Self.now.addingTimeInterval(1))
            #expect(try await store.session(tokenHash: "live") == nil)
        }
    }

    @Test("failed sign-ins are counted per subject inside the window, forgotten after it, and cleared per account")
    func failures() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let account = SignInSubject.account("ann@a.example")
            let address = SignInSubject.address("10.0.0.1")
            for minute in 0..<3 {
                let at = Self.now.addingTimeInterval(Double(minute) * 60)
                try await store.recordSignInFailure(
                    [account, address], now: at, forgetBefore: at.addingTimeInterval(-900))
            }
            #expect(try await store.signInFailures(account, since: Self.now.addingTimeInterval(-1)).count == 3)
            #expect(try await store.signInFailures(account, since: Self.now).count == 2)
            #expect(try await store.signInFailures(.account("other@a.example"), since: .distantPast).isEmpty)
            try await store.clearSignInFailures(account)
            #expect(try await store.signInFailures(account, since: .distantPast).isEmpty)
            #expect(try await store.signInFailures(address, since: .distantPast).count == 3)
            let later = Self.now.addingTimeInterval(3600)
            try await store.recordSignInFailure([address], now: later, forgetBefore: later.addingTimeInterval(-900))
            #expect(try await store.signInFailures(address, since: .distantPast) == [later])
        }
    }

    @Test("the last admin can be neither demoted nor removed; removing a user ends their sessions; all by org")
    func lastAdmin() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgA, ann) = try await Self.user(in: store, org: "a", email: "ann@a.example")
            let (orgB, _) = try await Self.user(in: store, org: "b", email: "bea@b.example")
            await #expect(throws: UserDirectoryError.lastAdmin(userId: ann)) {
                _ = try await store.setUserRole(orgId: orgA, id: ann, role: .operator, now: Self.now)
            }
            await #expect(throws: UserDirectoryError.lastAdmin(userId: ann)) {
                _ = try await store.deleteUser(orgId: orgA, id: ann, now: Self.now)
            }
            #expect(try await store.setUserRole(orgId: orgB, id: ann, role: .viewer, now: Self.now) == nil)
            #expect(try await store.deleteUser(orgId: orgB, id: ann, now: Self.now) == false)
            #expect(try await store.user(orgId: orgB, id: ann) == nil)
            let bob = try await store.createUser(
                orgId: orgA, email: "bob@a.example", passwordHash: "$2b$04$x", role: .admin, now: Self.now)
            _ = try await store.createSession(
                userId: ann, tokenHash: "ann", csrfToken: "c", now: Self.now,
                expiresAt: Self.now.addingTimeInterval(3600))
            #expect(
                try await store.setUserRole(orgId: orgA, id: bob, role: .operator, now: Self.now)?.role == .operator)
            await #expect(throws: UserDirectoryError.lastAdmin(userId: ann)) {
                _ = try await store.deleteUser(orgId: orgA, id: ann, now: Self.now)
            }
            _ = try await store.setUserRole(orgId: orgA, id: bob, role: .admin, now: Self.now)
            #expect(try await store.deleteUser(orgId: orgA, id: ann, now: Self.now))
            #expect(try await store.session(tokenHash: "ann") == nil)
            #expect(try await store.users(orgId: orgA).map(\.email) == ["bob@a.example"])
        }
    }
}
