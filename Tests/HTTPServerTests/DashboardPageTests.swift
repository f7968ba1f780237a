import CampaignCore
import CampaignStore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import Testing

@Suite("The dashboard's server-rendered pages and form posts")
struct DashboardPageTests {
    static func get(
        _ client: some TestClientProtocol, _ path: String, _ session: SignedIn?
    ) async throws
        -> TestResponse
    {
        try await client.executeRequest(
            uri: path, method: .get, headers: session.map { $0.headers(csrf: false) } ?? [:], body: nil)
    }

    static func post(
        _ client: some TestClientProtocol, _ path: String, form: String, _ session: SignedIn
    ) async throws -> TestResponse {
        var headers = session.headers(csrf: false)
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.executeRequest(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: form))
    }

    @Test("every page sends a signed-out browser to / to sign in", arguments: ["/campaigns", "/campaigns/1"])
    func signedOut(path: String) async throws {
        try await APIHarness.run { _, client in
            let response = try await Self.get(client, path, nil)
            #expect(response.status == .seeOther && response.headers[.location] == "/")
        }
    }

    @Test("a campaign named <script> is shown escaped on the list and on its page, never as markup")
    func escaping() async throws {
        try await APIHarness.run { harness, client in
            let id = try await APIHarness.campaign(
                in: harness.store, orgId: harness.orgA, name: "<script>alert(1)</script> & co", leads: 2)
            let session = try await client.session("admin@a.example")
            for path in ["/campaigns", "/campaigns/\(id)", "/"] {
                let page = try await Self.get(client, path, session)
                #expect(page.status == .ok)
                #expect(!page.text.contains("<script>alert(1)"))
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
            }
        }
    }

    @Test("a form post without the session's CSRF token, or with another, is 403 and changes nothing")
    func csrf() async throws {
        try await APIHarness.run { harness, client in
            let session = try await client.session("admin@a.example")
            let id = harness.campaignA
            let before = try await harness.store.campaign(id: id)?.status
            let missing = try await Self.post(client, "/campaigns/\(id)/cancel", form: "back=%2Fcampaigns", session)
            #expect(missing.status == .forbidden)
            let wrong = try await Self.post(client, "/campaigns/\(id)/cancel", form: "csrf=nope", session)
            #expect(wrong.status == .forbidden)
            #expect(try await harness.store.campaign(id: id)?.status == before)
        }
    }

    @Test("with the token an operator's form post applies the action and answers 303 back with a notice")
    func action() async throws {
        try await APIHarness.run { harness, client in
            let session = try await client.session("admin@a.example")
            let id = try await APIHarness.campaign(in: harness.store, orgId: harness.orgA, name: "Fresh", leads: 2)
            let response = try await Self.post(
                client, "/campaigns/\(id)/cancel", form: "csrf=\(session.csrf)&back=%2Fcampaigns%3Fstatus%3Ddraft",
                session)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location]?.hasPrefix("/campaigns?status=draft&notice=") == true)
            #expect(try await harness.store.campaign(id: id)?.status == .cancelled)
            let illegal = try await Self.post(client, "/campaigns/\(id)/pause", form: "csrf=\(session.csrf)", session)
            #expect(illegal.status == .seeOther && illegal.headers[.location]?.contains("error=") == true)
            let away = try await Self.post(
                client, "/campaigns/\(id)/pause", form: "csrf=\(session.csrf)&back=%2F%2Fevil.example", session)
            #expect(away.headers[.location]?.hasPrefix("/campaigns?") == true)
        }
    }

    @Test("a viewer sees no action that changes anything, and their form post is refused (403)")
    func viewer() async throws {
        try await APIHarness.run { harness, client in
            let session = try await client.session("viewer@a.example")
            let page = try await Self.get(client, "/campaigns/\(harness.campaignA)", session)
            #expect(page.status == .ok)
            #expect(!page.text.contains("data-action="))
            let list = try await Self.get(client, "/campaigns", session)
            #expect(!list.text.contains("data-action=") && !list.text.contains("/campaigns/new"))
            let refused = try await Self.post(
                client, "/campaigns/\(harness.campaignA)/clone", form: "csrf=\(session.csrf)", session)
            #expect(refused.status == .forbidden)
        }
    }

    @Test("the stylesheet and scripts are served by the server itself")
    func assets() async throws {
        try await APIHarness.run { _, client in
            let css = try await Self.get(client, "/assets/dashboard.css", nil)
            #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true)
            let js = try await Self.get(client, "/assets/live.js", nil)
            #expect(js.status == .ok && js.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(try await Self.get(client, "/assets/..%2FPackage.swift", nil).status == .notFound)
        }
    }

    @Test("an opt-out added by form is on the list page; a viewer cannot add one (403) and sees no form")
    func optOut() async throws {
        try await APIHarness.run { harness, client in
            let admin = try await client.session("admin@a.example")
            let added = try await Self.post(
                client, "/opt-outs", form: "csrf=\(admin.csrf)&number=%2B12125550177", admin)
            #expect(added.status == .seeOther && added.headers[.location]?.contains("notice=") == true)
            #expect(try await Self.get(client, "/opt-outs", admin).text.contains("+12125550177"))
            let bad = try await Self.post(client, "/opt-outs", form: "csrf=\(admin.csrf)&number=abc", admin)
            #expect(bad.headers[.location]?.contains("error=number") == true)
            let viewer = try await client.session("viewer@a.example")
            let refused = try await Self.post(
                client, "/opt-outs", form: "csrf=\(viewer.csrf)&number=%2B12125550178", viewer)
            #expect(refused.status == .forbidden)
            let page = try await Self.get(client, "/opt-outs", viewer)
            #expect(!page.text.contains("method=\"post\" action=\"/opt-outs"))
            _ = harness
        }
    }

    @Test("a carrier added by form is listed with its password only as set, never shown; a bad number field names it")
    func carrier() async throws {
        try await APIHarness.run { harness, client in
            let admin = try await client.session("admin@a.example")
            let form =
                "csrf=\(admin.csrf)&name=Trunk&kind=sip&address=sip.example.test%3A5060&username=u"
                + "&password=hunter2-secret&cps=&ringTimeoutSeconds=30&ratePerMinute=0.01&billingIncrementSeconds=6"
            let added = try await Self.post(client, "/carriers/new", form: form, admin)
            #expect(added.status == .seeOther && added.headers[.location]?.contains("notice=") == true)
            let page = try await Self.get(client, "/carriers", admin).text
            #expect(page.contains("sip.example.test:5060") && page.contains("<td data-password>set</td>"))
            #expect(!page.contains("hunter2-secret"))
            let bad = try await Self.post(
                client, "/carriers/new",
                form: "csrf=\(admin.csrf)&name=Other&kind=simulator&ringTimeoutSeconds=abc&billingIncrementSeconds=60",
                admin)
            #expect(bad.headers[.location]?.contains("error=ringTimeoutSeconds") == true)
            #expect(try await Self.get(client, "/carriers", admin).text.contains("Other") == false)
            let viewer = try await client.session("viewer@a.example")
            let refused = try await Self.post(
                client, "/carriers/new", form: "csrf=\(viewer.csrf)&name=V&kind=simulator", viewer)
            #expect(refused.status == .forbidden)
            #expect(!(try await Self.get(client, "/carriers", viewer).text.contains("action=\"/carriers/")))
            _ = harness
        }
    }

    @Test("an admin gives a number a carrier by form; inbound-only for a number a campaign uses is refused, naming it")
    func numberCarrier() async throws {
        try await APIHarness.run { harness, client in
            let admin = try await client.session("admin@a.example")
            let ids = harness.catalogA
            let refused = try await Self.post(
                client, "/numbers/\(ids.number)", form: "csrf=\(admin.csrf)&back=%2Fnumbers&carrierId=", admin)
            #expect(refused.status == .seeOther && refused.headers[.location]?.contains("error=") == true)
            #expect(try await harness.services.catalog.numbers.number(orgId: harness.orgA, id: ids.number).outbound)
            let saved = try await Self.post(
                client, "/numbers/\(ids.number)", form: "csrf=\(admin.csrf)&carrierId=\(ids.carrier)&outbound=on", admin
            )
            #expect(saved.headers[.location]?.contains("notice=") == true)
            #expect(
                try await Self.get(client, "/numbers", admin).text.contains("<td data-carrier-name>Acme trunk</td>"))
            let delete = try await Self.post(
                client, "/carriers/\(ids.carrier)/delete", form: "csrf=\(admin.csrf)&back=%2Fcarriers", admin)
            let location = delete.headers[.location]?.removingPercentEncoding ?? ""
            #expect(location.contains("error=") && location.contains("+14155550100"))
            let viewer = try await client.session("viewer@a.example")
            let forbidden = try await Self.post(
                client, "/numbers/\(ids.number)", form: "csrf=\(viewer.csrf)&carrierId=&outbound=on", viewer)
            #expect(forbidden.status == .forbidden)
        }
    }

    @Test("a lead's page lists its calls; another organisation's lead is 404")
    func lead() async throws {
        try await APIHarness.run { harness, client in
            let admin = try await client.session("admin@a.example")
            let page = try await Self.get(client, "/campaigns/\(harness.campaignA)/leads/\(harness.leadA)", admin)
            #expect(page.status == .ok && page.text.contains("data-call="))
            let other = try await client.session("admin@b.example")
            let hidden = try await Self.get(client, "/campaigns/\(harness.campaignA)/leads/\(harness.leadA)", other)
            #expect(hidden.status == .notFound)
        }
    }

    @Test(
        "the wizard names its inputs after the settings' dotted keys, shows an inbound-only number disabled and a table to type contacts"
    )
    func wizard() async throws {
        try await APIHarness.run { harness, client in
            _ = try await harness.services.catalog.numbers.create(
                orgId: harness.orgA, e164: "+14155550188", label: "Support line", carrierId: nil, outbound: false,
                by: .commandLine)
            let admin = try await client.session("admin@a.example")
            let page = try await Self.get(client, "/campaigns/new", admin)
            #expect(page.status == .ok)
            for name in [
                "name", "agentId", "numberPool", "window.start", "window.days", "retry.maxAttempts", "retry.on",
            ] {
                #expect(page.text.contains("name=\"\(name)\""), "missing input \(name)")
            }
            let line = try #require(page.text.split(separator: "\n").first { $0.contains("+14155550188") })
            #expect(line.contains("disabled") && line.contains("inbound-only"))
            #expect(page.text.contains("data-variables=\""), "each agent names its variables for the typed contacts")
            #expect(page.text.contains("data-manual-table") && page.text.contains("data-add-contact"))
            let edit = try await Self.get(client, "/campaigns/\(harness.campaignA)/edit", admin)
            #expect(edit.text.contains("data-notice=\"locked\""))
        }
    }

    @Test("the wizard posted without JavaScript creates a draft; a refused field comes back as the error, naming it")
    func plainWizard() async throws {
        try await APIHarness.run { harness, client in
            let admin = try await client.session("admin@a.example")
            let form =
                "csrf=\(admin.csrf)&name=Plain+form&agentId=\(harness.catalogA.agent)&numberPool=%2B14155550100"
                + "&window.start=09%3A00&window.end=18%3A00&window.days=mon&window.days=tue&retry.maxAttempts=4"
                + "&retry.on=no_answer&callbackDetection=on&customDispositions=SALE&successDispositions=INTERESTED%2C+SALE"
                + "&concurrency="
            let created = try await Self.post(client, "/campaigns/new", form: form, admin)
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let id = try #require(Int64(location.dropFirst("/campaigns/".count).prefix { $0.isNumber }), "\(location)")
            let campaign = try #require(try await harness.store.campaign(id: id))
            #expect(campaign.settings.name == "Plain form" && campaign.settings.retry.maxAttempts == 4)
            #expect(campaign.settings.window.days == [.mon, .tue] && campaign.settings.callbackDetection)
            #expect(campaign.settings.successDispositions == ["INTERESTED", "SALE"])
            let refused = try await Self.post(
                client, "/campaigns/new", form: form.replacingOccurrences(of: "09%3A00", with: "25%3A00"), admin)
            #expect(refused.headers[.location]?.hasPrefix("/campaigns/new?error=window.start") == true)
            let forged = try await Self.post(client, "/campaigns/new", form: "name=x", admin)
            #expect(forged.status == .forbidden)
        }
    }
}
