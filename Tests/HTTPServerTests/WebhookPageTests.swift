import CampaignCore
import CampaignStore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import Testing

@Suite("The dashboard's /webhooks page: plain forms, secret shown once, delivery log")
struct WebhookPageTests {
    @Test("an admin adds a webhook (secret shown once), rotates, switches it off, reads its log and deletes it")
    func adminManages() async throws {
        try await APIHarness.run { harness, client in
            let session = try await client.session("admin@a.example")
            let empty = try await DashboardPageTests.get(client, "/webhooks", session)
            #expect(empty.status == .ok && empty.text.contains("data-create-webhook"))
            let added = try await DashboardPageTests.post(
                client, "/webhooks",
                form:
                    "csrf=\(session.csrf)&back=%2Fwebhooks&url=https%3A%2F%2Fhooks.example.com%2Fin&event.call.ended=on",
                session)
            #expect(added.status == .ok && added.text.contains("data-created-secret"))
            let hook = try #require(try await harness.store.webhooks(orgId: harness.orgA, afterId: nil, limit: 5).last)
            #expect(hook.events == ["call.ended"] && added.text.contains(hook.secret))
            let list = try await DashboardPageTests.get(client, "/webhooks", session)
            #expect(list.text.contains("hooks.example.com/in") && !list.text.contains(hook.secret))
            let rotated = try await DashboardPageTests.post(
                client, "/webhooks/\(hook.id)/rotate", form: "csrf=\(session.csrf)&back=%2Fwebhooks", session)
            let after = try #require(try await harness.store.webhook(orgId: harness.orgA, id: hook.id))
            #expect(rotated.text.contains(after.secret) && after.secret != hook.secret)
            let off = try await DashboardPageTests.post(
                client, "/webhooks/\(hook.id)/disable", form: "csrf=\(session.csrf)&back=%2Fwebhooks", session)
            #expect(off.status == .seeOther)
            #expect(try await harness.store.webhook(orgId: harness.orgA, id: hook.id)?.enabled == false)
            let log = try await DashboardPageTests.get(client, "/webhooks/\(hook.id)", session)
            #expect(log.status == .ok && log.text.contains("data-redeliver-since"))
            let badSince = try await DashboardPageTests.post(
                client, "/webhooks/\(hook.id)/redeliver",
                form: "csrf=\(session.csrf)&back=%2Fwebhooks%2F\(hook.id)&since=soon", session)
            #expect(badSince.status == .seeOther && badSince.headers[.location]?.contains("error=since") == true)
            let deleted = try await DashboardPageTests.post(
                client, "/webhooks/\(hook.id)/delete", form: "csrf=\(session.csrf)&back=%2Fwebhooks", session)
            #expect(deleted.status == .seeOther)
            #expect(try await harness.store.webhook(orgId: harness.orgA, id: hook.id) == nil)
        }
    }

    @Test("a private URL is refused back on the page naming the field; a viewer can neither see nor add webhooks")
    func refusals() async throws {
        try await APIHarness.run { harness, client in
            let admin = try await client.session("admin@a.example")
            let refused = try await DashboardPageTests.post(
                client, "/webhooks",
                form: "csrf=\(admin.csrf)&back=%2Fwebhooks&url=https%3A%2F%2F169.254.169.254%2F&event.call.ended=on",
                admin)
            #expect(refused.status == .seeOther && refused.headers[.location]?.contains("error=url") == true)
            #expect(
                try await harness.store.webhooks(orgId: harness.orgA, afterId: nil, limit: 5).map(\.id) == [
                    harness.webhookA
                ])
            let viewer = try await client.session("viewer@a.example")
            let page = try await DashboardPageTests.get(client, "/webhooks", viewer)
            #expect(
                page.status == .ok && page.text.contains("Only an admin") && !page.text.contains("data-create-webhook"))
            let post = try await DashboardPageTests.post(
                client, "/webhooks", form: "csrf=\(viewer.csrf)&url=https%3A%2F%2Fhooks.example.com%2F", viewer)
            #expect(post.status == .forbidden)
        }
    }
}
