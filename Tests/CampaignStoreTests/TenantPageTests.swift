import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

@Suite("The API's reads: scoped by organisation, keyset pages on indexes")
struct TenantPageTests {
    static let now = Date(timeIntervalSince1970: 1_772_550_000)

    /// A campaign of `count` leads in organisation `org`; its organisation's and its own id.
    static func campaign(in store: SQLCampaignStore, org: String, leads count: Int) async throws -> (Int64, Int64) {
        let orgId = try await store.organization(named: org, now: now)
        let settings = CampaignSettings(
            name: "\(org) campaign", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100"])
        let id = try await store.createCampaign(orgId: orgId, settings: settings, now: now)
        let leads = (0..<count).map { index in
            NewLead(
                sourceLine: index + 2, numbers: ["+1212555\(String(format: "%04d", index))"],
                timezones: ["America/New_York"], timezoneSource: "column", variables: ["NAME": "Lead \(index)"])
        }
        _ = try await store.addLeads(campaignId: id, leads: leads, now: now)
        return (orgId, id)
    }

    /// SQLite's plan of `sql`, one detail line per step.
    static func plan(_ sql: SQLQueryString, in store: SQLCampaignStore) async throws -> [String] {
        var explain: SQLQueryString = "EXPLAIN QUERY PLAN "
        explain += sql
        return try await store.database.raw(explain).all().map { try $0.decode(column: "detail", as: String.self) }
    }

    @Test("another organisation's ids find nothing, exactly like missing ones")
    func scoped() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgA, campaignA) = try await Self.campaign(in: store, org: "a", leads: 3)
            let (orgB, _) = try await Self.campaign(in: store, org: "b", leads: 1)
            let lead = try #require(
                try await store.leads(orgId: orgA, campaignId: campaignA, filter: LeadFilter(), after: nil, limit: 1)
                    .first)
            #expect(try await store.campaign(orgId: orgA, id: campaignA) != nil)
            #expect(try await store.campaign(orgId: orgB, id: campaignA) == nil)
            #expect(try await store.lead(orgId: orgB, id: lead.id) == nil)
            #expect(
                try await store.leads(orgId: orgB, campaignId: campaignA, filter: LeadFilter(), after: nil, limit: 9)
                    .isEmpty)
            #expect(try await store.campaigns(orgId: orgB, filter: CampaignFilter(), afterId: nil, limit: 9).count == 1)
            #expect(try await store.calls(orgId: orgB, campaignId: campaignA, after: nil, limit: 9).isEmpty)
        }
    }

    @Test("pages follow each other without gaps or repeats, by status and search too")
    func pages() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, id) = try await Self.campaign(in: store, org: "a", leads: 25)
            for filter in [LeadFilter(), LeadFilter(status: .pending), LeadFilter(search: "Lead 1")] {
                let whole = try await store.leads(orgId: orgId, campaignId: id, filter: filter, after: nil, limit: 500)
                var paged: [LeadRecord] = []
                var after: LeadPageKey?
                while true {
                    let page = try await store.leads(
                        orgId: orgId, campaignId: id, filter: filter, after: after, limit: 4)
                    paged += page
                    guard page.count == 4, let last = page.last else { break }
                    after = LeadPageKey(last)
                }
                #expect(paged == whole)
            }
            let search = try await store.leads(
                orgId: orgId, campaignId: id, filter: LeadFilter(search: "Lead 1"), after: nil, limit: 500)
            #expect(search.count == 11)
            let literal = try await store.leads(
                orgId: orgId, campaignId: id, filter: LeadFilter(search: "_"), after: nil, limit: 500)
            #expect(literal.isEmpty)
        }
    }

    @Test(
        "a deep page reads the list-order and queue-time indexes from its bound, with no sort (searches: LeadSearchStoreTests)"
    )
    func plansUseIndexes() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, id) = try await Self.campaign(in: store, org: "a", leads: 50)
            for filter in [LeadFilter(), LeadFilter(status: .completed)] {
                let sql = SQLCampaignStore.leadPageSQL(
                    orgId: orgId, campaignId: id, filter: filter, after: LeadPageKey(seq: 40, id: 40), limit: 50)
                let plan = try await Self.plan(sql, in: store)
                #expect(plan.contains { $0.contains("USING INDEX leads_order") && $0.contains("seq") }, "\(plan)")
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            }
            let calls = SQLCampaignStore.callPageSQL(
                orgId: orgId, campaignId: id, after: CallPageKey(queuedAtMillis: 1, id: 1), limit: 50)
            let plan = try await Self.plan(calls, in: store)
            #expect(plan.contains { $0.contains("USING INDEX calls_queued") && $0.contains("queued_at") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }
}
