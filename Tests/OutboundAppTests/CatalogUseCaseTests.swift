import CampaignCore
import CampaignStore
import ContactImport
import Foundation
import OutboundApp
import Testing

@Suite("Catalog use cases: every refusal names its field and writes nothing; opt-outs reach running campaigns")
struct CatalogUseCaseTests {
    static func numbers() throws -> PhoneNumberValidator {
        try PhoneNumberValidator(metadata: PhoneMetadata.loadBundled())
    }

    static func catalog(_ store: SQLCampaignStore) throws -> CatalogServices {
        CatalogServices(store: store, numbers: try numbers(), now: { AppStore.friday })
    }

    static func campaigns(_ store: SQLCampaignStore) throws -> ServerCampaigns {
        ServerCampaigns(store: store, numbers: try numbers(), now: { AppStore.friday })
    }

    static func fields(_ error: any Error) -> [String] {
        guard case .invalid(let problems) = error as? ServerFailure else { return [] }
        return problems.map(\.field)
    }

    @Test func aBadAgentIsRefusedNamingTheFieldAndAnEditNeedsTheCurrentETagWhenGiven() async throws {
        try await AppStore.withStore { store in
            let orgId = try await store.organization(named: "acme", now: AppStore.friday)
            let agents = try Self.catalog(store).agents
            let refused = await #expect(throws: ServerFailure.self) {
                _ = try await agents.create(
                    orgId: orgId, profile: AgentProfile(name: "Zara"), streamUrl: "https://agent.example",
                    by: .apiKey(1))
            }
            #expect(Self.fields(try #require(refused)) == ["streamUrl"])
            #expect(try await agents.list(orgId: orgId, nameContains: nil, afterId: nil, limit: 10).items.isEmpty)

            let agent = try await agents.create(
                orgId: orgId, profile: AgentProfile(name: "Zara", greeting: "Hi {{NAME}}"),
                streamUrl: "wss://agent.example/s", by: .apiKey(1))
            let stale = AgentCatalog.etag(agent)
            let edited = try await agents.update(
                orgId: orgId, id: agent.id, profile: AgentProfile(name: "Zara", greeting: "Hello {{NAME}}"),
                streamUrl: nil, ifMatch: stale, by: .user(2))
            #expect(AgentCatalog.etag(edited) != stale && edited.streamUrl == nil)
            await #expect(
                throws: ServerFailure.preconditionFailed(
                    "agent \(agent.id) changed since that ETag was read; read it again and reapply the edit")
            ) {
                _ = try await agents.update(
                    orgId: orgId, id: agent.id, profile: AgentProfile(name: "Other"), streamUrl: nil, ifMatch: stale,
                    by: .user(2))
            }
            _ = try await agents.update(
                orgId: orgId, id: agent.id, profile: AgentProfile(name: "Last"), streamUrl: nil, ifMatch: nil,
                by: .commandLine)
            #expect(try await agents.agent(orgId: orgId, id: agent.id).profile.name == "Last", "no If-Match: last wins")
            #expect(try await agents.preview(orgId: orgId, id: agent.id, variables: [:])["greeting"] == "")
        }
    }

    @Test func aTwilioCarrierAndABadNumberAreRefusedNamingTheField() async throws {
        try await AppStore.withStore { store in
            let orgId = try await store.organization(named: "acme", now: AppStore.friday)
            let catalog = try Self.catalog(store)
            let twilio = await #expect(throws: ServerFailure.self) {
                _ = try await catalog.carriers.create(
                    orgId: orgId, draft: CarrierDraft(name: "T", kind: .twilio), by: .apiKey(1))
            }
            #expect(Self.fields(try #require(twilio)) == ["kind"])
            let short = await #expect(throws: ServerFailure.self) {
                _ = try await catalog.numbers.create(
                    orgId: orgId, e164: "+1415555", label: "", carrierId: nil, outbound: true, by: .apiKey(1))
            }
            #expect(Self.fields(try #require(short)) == ["e164"])
            #expect(try await store.carriers(orgId: orgId, afterId: nil, limit: 5).isEmpty)
            #expect(try await store.numbers(orgId: orgId, afterId: nil, limit: 5).isEmpty)
        }
    }

    @Test func aCampaignNamingAnAgentMustUseOwnedOutboundNumbers() async throws {
        try await AppStore.withStore { store in
            let orgId = try await store.organization(named: "acme", now: AppStore.friday)
            let catalog = try Self.catalog(store)
            let agent = try await catalog.agents.create(
                orgId: orgId, profile: AgentProfile(name: "Zara", greeting: "Hi {{NAME}}"), streamUrl: nil,
                by: .apiKey(1))
            _ = try await catalog.numbers.create(
                orgId: orgId, e164: "+14155550100", label: "", carrierId: nil, outbound: true, by: .apiKey(1))
            _ = try await catalog.numbers.create(
                orgId: orgId, e164: "+14155550101", label: "", carrierId: nil, outbound: false, by: .apiKey(1))
            let campaigns = try Self.campaigns(store)
            func document(_ pool: String) -> Data {
                Data(#"{"name": "By id", "agentId": \#(agent.id), "numberPool": [\#(pool)]}"#.utf8)
            }
            for (pool, named) in [("\"+14155550102\"", "+14155550102"), ("\"+14155550101\"", "+14155550101")] {
                let refused = await #expect(throws: ServerFailure.self) {
                    _ = try await campaigns.create(orgId: orgId, document: document(pool))
                }
                guard case .invalid(let problems)? = refused as? ServerFailure else { continue }
                #expect(problems.first?.field == "numberPool" && problems.first?.detail.contains(named) == true)
            }
            let created = try await campaigns.create(orgId: orgId, document: document("\"+14155550100\""))
            #expect(created.agentId == agent.id && created.settings.agent.greeting == "Hi {{NAME}}")
            let inline = try await campaigns.create(
                orgId: orgId,
                document: Data(#"{"name": "Inline", "agent": {"name": "Bo"}, "numberPool": ["+14155550103"]}"#.utf8))
            #expect(inline.agentId != agent.id, "an inline agent creates one")
            let inboundInline = await #expect(throws: ServerFailure.self) {
                _ = try await campaigns.create(
                    orgId: orgId,
                    document: Data(#"{"name": "In", "agent": {"name": "Bo"}, "numberPool": ["+14155550101"]}"#.utf8))
            }
            #expect(Self.fields(try #require(inboundInline)) == ["numberPool"])
            let foreign = try await store.organization(named: "other", now: AppStore.friday)
            let foreignAgent = await #expect(throws: ServerFailure.self) {
                _ = try await campaigns.create(orgId: foreign, document: document("\"+14155550100\""))
            }
            #expect(Self.fields(try #require(foreignAgent)) == ["agentId"])
        }
    }

    @Test func anOptOutAddedThroughTheListStopsAPendingLeadOfARunningCampaign() async throws {
        try await AppStore.withStore { store in
            let campaignId = try await AppStore.campaign(in: store, leads: 4)
            let campaign = try await store.apply(.start, campaignId: campaignId, now: AppStore.friday)
            let catalog = try Self.catalog(store)
            let (optOut, created) = try await catalog.optOuts.add(
                orgId: campaign.orgId, number: "(212) 555-0000", source: "api", by: .apiKey(1))
            #expect(created && optOut.e164 == "+12125550000" && optOut.source == "api")
            let batch = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: AppStore.friday, limit: 50, openZoneKeys: nil,
                    leaseDuration: 60))
            #expect(batch.attempts.count == 3)
            #expect(!batch.attempts.contains { $0.to == "+12125550000" }, "the opted-out lead was dialled")
            #expect(batch.settledOptOuts == 1)
        }
    }

    @Test func aCsvOfOptOutsReportsEveryRow() async throws {
        try await AppStore.withFolder { folder in
            let store = try await SQLCampaignStore.openSQLite(path: folder.appendingPathComponent("o.sqlite").path)
            let orgId = try await store.organization(named: "acme", now: AppStore.friday)
            let catalog = try Self.catalog(store)
            _ = try await catalog.optOuts.add(orgId: orgId, number: "+14155550100", source: "cli", by: .commandLine)
            let csv = folder.appendingPathComponent("optouts.csv")
            try "Name,Number\nAnn,+14155550100\nBo,415 555 0101\nCy,not a number\nDi,+14155550101\n,\nEd,\n"
                .write(to: csv, atomically: true, encoding: .utf8)
            let report = try await catalog.optOuts.importFile(
                orgId: orgId, path: csv.path, source: "csv", by: .apiKey(1))
            #expect(report.read == 5 && report.imported == 1 && report.duplicates == 2 && report.rejected == 2)
            #expect(report.problems.map(\.line) == [4, 7])
            #expect(report.problems.allSatisfy { $0.column == "Number" })
            let list = try await catalog.optOuts.list(orgId: orgId, numberContains: nil, after: nil, limit: 10)
            #expect(list.items.map(\.source) == ["cli", "csv"])
            try "Name\nAnn\n".write(to: csv, atomically: true, encoding: .utf8)
            let noColumn = await #expect(throws: ServerFailure.self) {
                _ = try await catalog.optOuts.importFile(orgId: orgId, path: csv.path, source: "csv", by: .apiKey(1))
            }
            #expect(Self.fields(try #require(noColumn)) == ["number"])
            try await store.close()
        }
    }
}
