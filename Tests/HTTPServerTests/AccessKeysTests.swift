import CampaignStore
import Foundation
import OutboundApp
import Testing

@Suite("API keys: hashed, shown once, revocable, with their last use")
struct AccessKeysTests {
    static let now = Date(timeIntervalSince1970: 1_772_550_000)

    @Test("a key is stored as its SHA-256 with a visible prefix, checks out until revoked, and records its use")
    func lifecycle() async throws {
        try await APIHarness.run { harness, _ in
            let keys = AccessKeys(store: harness.store)
            let created = try await keys.create(orgId: harness.orgB, name: "ci", role: .operator, now: Self.now)
            #expect(created.key.hasPrefix(created.record.prefix + "_"))
            #expect(created.key.count == 52 && created.record.prefix.count == 11)
            let stored = try #require(try await harness.store.apiKey(secretHash: AccessKeys.hash(created.key)))
            #expect(stored.id == created.record.id && stored.lastUsedAt == nil)
            #expect(AccessKeys.hash(created.key).count == 64)
            var principal = AccessPrincipal(orgId: harness.orgB, role: .operator, keyId: created.record.id)
            principal.label = "\(created.record.name) (\(created.record.prefix)…)"
            #expect(try await keys.check(created.key, now: Self.now) == .valid(principal))
            #expect(try await harness.store.apiKey(secretHash: AccessKeys.hash(created.key))?.lastUsedAt == Self.now)
            #expect(try await keys.check(created.key + "x", now: Self.now) == .unknown)
            await #expect(throws: AppFailure.self) {
                _ = try await keys.revoke(orgId: harness.orgA, id: created.record.id, now: Self.now)
            }
            let revoked = try await keys.revoke(orgId: harness.orgB, id: created.record.id, now: Self.now)
            #expect(revoked.revokedAt == Self.now)
            #expect(try await keys.check(created.key, now: Self.now) == .revoked)
            let listed = try await keys.list(orgId: harness.orgB).map(\.name)
            #expect(listed == ["b.admin", "b.viewer", "ci"])
        }
    }

    @Test("roles order admin over operator over viewer")
    func roles() {
        #expect(AccessRole.admin.allows(.operator) && AccessRole.operator.allows(.viewer))
        #expect(!AccessRole.viewer.allows(.operator) && !AccessRole.operator.allows(.admin))
    }

    @Test("a user gets a generated password stored with bcrypt; emails are checked and unique")
    func users() async throws {
        try await APIHarness.run { harness, _ in
            let users = AccessUsers(store: harness.store, cost: 4)
            let created = try await users.create(
                orgId: harness.orgA, email: " Ops@Example.com ", role: .operator, now: Self.now)
            #expect(created.password.count == 20)
            let user = try #require(try await harness.store.user(email: "ops@example.com"))
            let hash = user.passwordHash
            #expect(user.id == created.id && user.orgId == harness.orgA && user.role == .operator)
            #expect(hash.hasPrefix("$2") && !hash.contains(created.password))
            #expect(AccessUsers.verify(created.password, hash: hash) && !AccessUsers.verify("wrong", hash: hash))
            await #expect(throws: (any Error).self) {
                _ = try await users.create(orgId: harness.orgB, email: "ops@example.com", role: .viewer, now: Self.now)
            }
            for bad in ["", "no-at-sign", "a@b", "@example.com"] {
                await #expect(throws: AppFailure.self) {
                    _ = try await users.create(orgId: harness.orgA, email: bad, role: .viewer, now: Self.now)
                }
            }
        }
    }
}
