import CampaignCore
import CampaignStore
import ContactImport
import Dialer
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp

/// A fresh SQLite database with two organisations, keys of every role, and in organisation A a campaign that has
/// run on the simulator (so it has leads and calls), served through the API's router on a fixed virtual clock.
struct APIHarness: Sendable {
    /// 2026-03-03T15:00:00Z, a Tuesday: 10:00 in New York, 09:00 in Chicago.
    static let tuesday = Date(timeIntervalSince1970: 1_772_550_000)

    let store: SQLCampaignStore
    let services: ServerServices
    let orgA: Int64
    let orgB: Int64
    /// Keys by name: `a.admin`, `a.operator`, `a.viewer`, `a.revoked`, `b.admin`, `b.viewer`.
    let keys: [String: String]
    let campaignA: Int64
    let leadA: Int64
    let callA: Int64
    /// Organisation A's catalog: campaign A's agent, a carrier, a pool number of campaign A and an opt-out.
    let catalogA: CatalogIds
    /// Users by email: `admin@a.example`, `viewer@a.example`, `admin@b.example`, each with ``password``.
    let users: [String: Int64]
    /// The id of organisation A's admin key.
    let keyIdA: Int64
    /// The server's clock, which sessions and sign-in throttling read too.
    let clock: VirtualClock
    /// A webhook subscription of organisation A.
    let webhookA: Int64
    /// Every harness user's password.
    static let password = "correct horse battery"

    /// Runs `body` with a harness and a client of `setup` (router by default), closing the store afterwards.
    static func run(
        _ setup: TestingSetup = .router, _ body: @Sendable (APIHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-http-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await SQLCampaignStore.openSQLite(path: folder.appendingPathComponent("api.sqlite").path)
        do {
            let harness = try await make(store: store)
            let app = ServerApp.application(
                services: harness.services, configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
                background: [])
            try await app.test(setup) { client in try await body(harness, client) }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    static func make(store: SQLCampaignStore) async throws -> APIHarness {
        let orgA = try await store.createOrganization(name: "acme", now: tuesday)
        let orgB = try await store.createOrganization(name: "other", now: tuesday)
        let access = AccessKeys(store: store)
        var keys: [String: String] = [:]
        for (name, org, role) in [
            ("a.admin", orgA, AccessRole.admin), ("a.operator", orgA, .operator), ("a.viewer", orgA, .viewer),
            ("a.revoked", orgA, .admin), ("b.admin", orgB, .admin), ("b.viewer", orgB, .viewer),
        ] {
            keys[name] = try await access.create(orgId: org, name: name, role: role, now: tuesday).key
        }
        let revoked = try await store.apiKeys(orgId: orgA).first { $0.name == "a.revoked" }
        _ = try await access.revoke(orgId: orgA, id: revoked?.id ?? 0, now: tuesday)
        let campaignA = try await campaign(in: store, orgId: orgA, name: "Acme spring", leads: 12)
        let rules = try ComplianceRulesFile.loadBundled()
        _ = try await Simulation(store: store, campaignId: campaignA, seed: 5, compliance: rules)
            .run(from: tuesday, until: tuesday.addingTimeInterval(1800))
        let calls = try await store.calls(orgId: orgA, campaignId: campaignA, after: nil, limit: 1)
        let leads = try await store.leads(
            orgId: orgA, campaignId: campaignA, filter: LeadFilter(), after: nil, limit: 1)
        let clock = VirtualClock(start: tuesday.addingTimeInterval(3 * 3600))
        let services = ServerServices(
            store: store, clock: clock, compliance: rules,
            numbers: try PhoneNumberValidator(metadata: try PhoneMetadata.loadBundled()), wallClock: clock,
            bcryptCost: 4)
        var users: [String: Int64] = [:]
        for (email, org, role) in [
            ("admin@a.example", orgA, AccessRole.admin), ("viewer@a.example", orgA, .viewer),
            ("admin@b.example", orgB, .admin),
        ] {
            users[email] = try await services.users.add(
                orgId: org, email: email, password: password, role: role, now: tuesday
            ).user.id
        }
        return APIHarness(
            store: store, services: services, orgA: orgA, orgB: orgB, keys: keys, campaignA: campaignA,
            leadA: leads.first?.id ?? 0, callA: calls.first?.id ?? 0,
            catalogA: try await CatalogIds.make(store: store, orgId: orgA, campaignId: campaignA), users: users,
            keyIdA: try await store.apiKeys(orgId: orgA).first { $0.name == "a.admin" }?.id ?? 0, clock: clock,
            webhookA: try await store.createWebhook(
                orgId: orgA, draft: WebhookDraft(url: "https://hooks.acme.example/in", events: ["call.ended"]),
                secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now: tuesday
            ).id)
    }

    /// A draft of `leads` contacts in New York and Chicago; its id.
    static func campaign(in store: SQLCampaignStore, orgId: Int64, name: String, leads count: Int) async throws -> Int64
    {
        var settings = CampaignSettings(
            name: name, agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100", "+14155550101"])
        settings.concurrency = 4
        let leads = (0..<count).map { index in
            NewLead(
                sourceLine: index + 2, numbers: ["+1212555\(String(format: "%04d", index))"],
                timezones: [index.isMultiple(of: 2) ? "America/New_York" : "America/Chicago"],
                timezoneSource: "column", variables: ["NAME": "Contact \(index)"])
        }
        let id = try await store.createCampaign(orgId: orgId, settings: settings, now: tuesday)
        _ = try await store.addLeads(campaignId: id, leads: leads, now: tuesday)
        return id
    }

    /// The `Authorization` header of a key.
    func auth(_ key: String) -> HTTPFields { [.authorization: "Bearer \(keys[key] ?? key)"] }
}

/// Organisation A's catalog objects the route tests and the cross-tenant walk name.
struct CatalogIds: Sendable {
    let agent: Int64
    let carrier: Int64
    let number: Int64
    let optOut: String

    static func make(store: SQLCampaignStore, orgId: Int64, campaignId: Int64) async throws -> CatalogIds {
        let agent = try await store.campaign(id: campaignId)?.agentId ?? 0
        let carrier = try await store.createCarrier(
            orgId: orgId,
            draft: CarrierDraft(
                name: "Acme trunk", kind: .sip, address: "sip.acme.example:5060", username: "acme",
                password: "acme-secret-pw"),
            now: APIHarness.tuesday)
        let number = try await store.numbers(orgId: orgId, afterId: nil, limit: 1).first?.id ?? 0
        _ = try await store.addOptOuts(orgId: orgId, numbers: ["+12125559999"], source: "api", now: APIHarness.tuesday)
        return CatalogIds(agent: agent, carrier: carrier.id, number: number, optOut: "+12125559999")
    }
}

/// Requests and their JSON.
extension TestClientProtocol {
    /// Sends a request as `key` (a harness key name or a literal key; nil: no credentials).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, as key: String?, harness: APIHarness, json: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = key.map { harness.auth($0) } ?? [:]
        if json != nil { fields[.contentType] = "application/json" }
        for field in headers { fields[field.name] = field.value }
        return try await executeRequest(
            uri: uri, method: method, headers: fields, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body as JSON.
    var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView))) ?? .null }

    /// The body as text.
    var text: String { String(buffer: body) }
}

extension JSONValue {
    /// The value under `key` of an object.
    subscript(_ key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }

    /// The elements of an array.
    var items: [JSONValue] {
        guard case .array(let values) = self else { return [] }
        return values
    }

    /// A string value.
    var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// A whole-number value.
    var int: Int64? {
        guard case .number(let number) = self else { return nil }
        return Int64(exactly: number)
    }
}
