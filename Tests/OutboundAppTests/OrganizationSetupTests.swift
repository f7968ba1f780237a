import CampaignStore
import Foundation
import OutboundApp
import Testing

@Suite("Creating an organisation with its admin and first key")
struct OrganizationSetupTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func theAdminSignsInWithThePasswordAndTheKeyWorksForTheNewOrganisation() async throws {
        try await AppStore.withStore { store in
            let created = try await OrganizationSetup(store: store, bcryptCost: 4).create(
                name: " Acme ", adminEmail: "Ops@Acme.Example", now: Self.now)
            #expect(created.adminEmail == "ops@acme.example")
            let organizations = try await store.organizations()
            #expect(organizations.map(\.name) == ["Acme"])
            let user = try #require(try await store.user(email: "ops@acme.example"))
            #expect(user.orgId == created.orgId && user.role == .admin)
            #expect(AccessUsers.verify(created.password, hash: user.passwordHash))
            #expect(!AccessUsers.verify(created.password + "x", hash: user.passwordHash))
            let check = try await AccessKeys(store: store).check(created.apiKey, now: Self.now)
            var expected = AccessPrincipal(orgId: created.orgId, role: .admin, keyId: 1)
            expected.label = "admin (\(created.apiKey.prefix(11))…)"
            #expect(check == .valid(expected))
        }
    }

    @Test(arguments: [
        ("Acme", "other@acme.example", "a name taken already"),
        ("Beta", "ops@acme.example", "an email taken already"),
        ("Gamma", "not-an-email", "not an email address"),
        ("   ", "x@gamma.example", "an empty name"),
        ("Bad\u{7}Name", "x@bad.example", "a control character"),
    ])
    func aRefusedSetUpStoresNothing(name: String, email: String, why: String) async throws {
        try await AppStore.withStore { store in
            let setup = OrganizationSetup(store: store, bcryptCost: 4)
            let first = try await setup.create(name: "Acme", adminEmail: "ops@acme.example", now: Self.now)
            await #expect(throws: (any Error).self, "\(why)") {
                _ = try await setup.create(name: name, adminEmail: email, now: Self.now)
            }
            #expect(try await store.organizations().map(\.id) == [first.orgId], "\(why): no organisation added")
            #expect(try await store.apiKeys(orgId: first.orgId).count == 1, "\(why): no key added")
            if email != "ops@acme.example" {
                #expect(try await store.user(email: email.lowercased()) == nil, "\(why): no user added")
            }
        }
    }
}
