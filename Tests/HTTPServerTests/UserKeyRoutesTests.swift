import CampaignStore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import Testing

@Suite("Users and API keys over HTTP, for admins")
struct UserKeyRoutesTests {
    @Test("an admin adds a user with a generated password shown once, who can then sign in")
    func createUser() async throws {
        try await APIHarness.run { harness, client in
            let created = try await client.send(
                .post, "/v1/users", as: "a.admin", harness: harness,
                json: #"{"email": "New@A.example", "role": "operator"}"#)
            #expect(created.status == .created)
            #expect(created.json["email"]?.string == "new@a.example" && created.json["role"]?.string == "operator")
            let password = try #require(created.json["password"]?.string)
            #expect(password.count == 20)
            #expect(try await client.signIn("new@a.example", password: password).status == .created)
            let chosen = try await client.send(
                .post, "/v1/users", as: "a.admin", harness: harness,
                json: #"{"email": "own@a.example", "password": "my own long password", "role": "viewer"}"#)
            #expect(chosen.status == .created && chosen.json["password"] == .null)
            #expect(try await client.signIn("own@a.example", password: "my own long password").status == .created)
            let list = try await client.send(.get, "/v1/users", as: "a.admin", harness: harness)
            #expect(list.json["items"]?.items.compactMap { $0["email"]?.string }.contains("own@a.example") == true)
            #expect(!list.text.contains("$2") && !list.text.contains("password"))
            let page = try await client.send(.get, "/v1/users?limit=1", as: "a.admin", harness: harness)
            let cursor = try #require(page.json["nextCursor"]?.string)
            let next = try await client.send(
                .get, "/v1/users?limit=1&cursor=\(cursor)", as: "a.admin", harness: harness)
            #expect(next.json["items"]?.items.first?["id"] != page.json["items"]?.items.first?["id"])
        }
    }

    @Test("bad user bodies name the field and store nothing; a taken email is 409")
    func badUsers() async throws {
        try await APIHarness.run { harness, client in
            for (body, field) in [
                (#"{"email": "not-an-email", "role": "viewer"}"#, "email"),
                (#"{"email": "x@a.example", "role": "boss"}"#, "role"),
                (#"{"email": "x@a.example", "role": "viewer", "password": "short"}"#, "password"),
                (#"{"email": "x@a.example", "role": "viewer", "extra": 1}"#, "extra"),
                (#"{"role": "viewer"}"#, "email"),
            ] {
                let response = try await client.send(.post, "/v1/users", as: "a.admin", harness: harness, json: body)
                #expect(response.status.code == 400 || response.status.code == 422, "\(body)")
                #expect(response.json["errors"]?.items.first?["field"]?.string == field, "\(body)")
            }
            #expect(try await harness.store.user(email: "x@a.example") == nil)
            let taken = try await client.send(
                .post, "/v1/users", as: "a.admin", harness: harness,
                json: #"{"email": "admin@b.example", "role": "viewer"}"#)
            #expect(taken.status == .conflict)
        }
    }

    @Test("the last admin can be neither demoted nor removed; removing a user ends their sessions")
    func lastAdmin() async throws {
        try await APIHarness.run { harness, client in
            let admin = try #require(harness.users["admin@a.example"])
            let viewer = try #require(harness.users["viewer@a.example"])
            let demote = try await client.send(
                .patch, "/v1/users/\(admin)", as: "a.admin", harness: harness, json: #"{"role": "viewer"}"#)
            #expect(demote.status == .conflict)
            let remove = try await client.send(.delete, "/v1/users/\(admin)", as: "a.admin", harness: harness)
            #expect(remove.status == .conflict)
            let promote = try await client.send(
                .patch, "/v1/users/\(viewer)", as: "a.admin", harness: harness, json: #"{"role": "admin"}"#)
            #expect(promote.status == .ok && promote.json["role"]?.string == "admin")
            let session = try await client.session("admin@a.example")
            #expect(try await client.send(.get, "/v1/users", session: session).status == .ok)
            let removed = try await client.send(.delete, "/v1/users/\(admin)", as: "a.admin", harness: harness)
            #expect(removed.status == .noContent)
            #expect(try await client.send(.get, "/v1/users", session: session).status == .unauthorized)
            let gone = try await client.send(.delete, "/v1/users/\(admin)", as: "a.admin", harness: harness)
            #expect(gone.status == .notFound)
        }
    }

    @Test("an operator or viewer gets 403 on users and keys")
    func adminsOnly() async throws {
        try await APIHarness.run { harness, client in
            for key in ["a.operator", "a.viewer"] {
                #expect(try await client.send(.get, "/v1/users", as: key, harness: harness).status == .forbidden)
                #expect(try await client.send(.get, "/v1/api-keys", as: key, harness: harness).status == .forbidden)
            }
            let viewer = try await client.session("viewer@a.example")
            let create = try await client.send(
                .post, "/v1/api-keys", session: viewer, json: #"{"name": "mine", "role": "admin"}"#)
            #expect(create.status == .forbidden)
        }
    }

    @Test("an admin creates a key (secret shown once), lists it without secrets, and revokes it: it then gets 401")
    func keys() async throws {
        try await APIHarness.run { harness, client in
            let created = try await client.send(
                .post, "/v1/api-keys", as: "a.admin", harness: harness, json: #"{"name": "ci", "role": "viewer"}"#)
            #expect(created.status == .created)
            let secret = try #require(created.json["apiKey"]?.string)
            let id = try #require(created.json["id"]?.int)
            #expect(created.json["prefix"]?.string.map { secret.hasPrefix($0) } == true)
            #expect(try await client.send(.get, "/v1/campaigns", as: secret, harness: harness).status == .ok)
            let list = try await client.send(.get, "/v1/api-keys", as: "a.admin", harness: harness)
            #expect(list.status == .ok && !list.text.contains(secret) && !list.text.contains("apiKey"))
            #expect(!list.text.contains(AccessKeys.hash(secret)))
            let revoked = try await client.send(.delete, "/v1/api-keys/\(id)", as: "a.admin", harness: harness)
            #expect(revoked.status == .ok && revoked.json["revokedAt"]?.string != nil)
            let after = try await client.send(.get, "/v1/campaigns", as: secret, harness: harness)
            #expect(after.status == .unauthorized)
            let foreign = try await client.send(.delete, "/v1/api-keys/\(id)", as: "b.admin", harness: harness)
            #expect(foreign.status == .notFound)
            let retried = try await client.send(
                .post, "/v1/api-keys", as: "a.admin", harness: harness, json: #"{"name": "ci", "role": "viewer"}"#,
                headers: [HTTPField.Name("Idempotency-Key")!: "same"])
            let again = try await client.send(
                .post, "/v1/api-keys", as: "a.admin", harness: harness, json: #"{"name": "ci", "role": "viewer"}"#,
                headers: [HTTPField.Name("Idempotency-Key")!: "same"])
            let secrets = [retried, again].compactMap { $0.json["apiKey"]?.string }
            #expect(secrets.count == 2 && secrets[0] != secrets[1], "a secret is never kept for a replay")
            let bad = try await client.send(
                .post, "/v1/api-keys", as: "a.admin", harness: harness, json: #"{"name": "", "role": "viewer"}"#)
            #expect(bad.status == .badRequest && bad.json["errors"]?.items.first?["field"]?.string == "name")
        }
    }
}
