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
            let principal = AccessPrincipal(orgId: harness.orgB, role: .operator, keyId: created.record.id)
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
}
