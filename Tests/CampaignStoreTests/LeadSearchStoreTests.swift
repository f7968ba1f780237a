import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

@Suite("The lead search: a number or a name prefix, answered from an index")
struct LeadSearchStoreTests {
    static let names = [
        "José  García", "JOSEPH Smith", "Ann O'Neil", "Zoë Adams", "jose garcía-lópez", "Ann-Marie Ng", "Анна Иванова",
    ]

    /// A campaign whose lead `i` has number +1212555010i (the last two +44 20 7946 000i) and name `names[i]`.
    static func campaign(in store: SQLCampaignStore) async throws -> (Int64, Int64) {
        let orgId = try await store.organization(named: "search", now: TenantPageTests.now)
        let settings = CampaignSettings(
            name: "search campaign", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100"])
        let id = try await store.createCampaign(orgId: orgId, settings: settings, now: TenantPageTests.now)
        let leads = names.enumerated().map { index, name in
            NewLead(
                sourceLine: index + 2,
                numbers: index >= 5 ? ["+44207946000\(index)"] : ["+1212555010\(index)", "+1312555010\(index)"],
                timezones: ["America/New_York"], timezoneSource: "column",
                variables: ["NAME": name, "CASE_NUMBER": "C-\(index)"])
        }
        _ = try await store.addLeads(campaignId: id, leads: leads, now: TenantPageTests.now)
        return (orgId, id)
    }

    static func found(_ store: SQLCampaignStore, _ ids: (Int64, Int64), _ query: String) async throws -> [String] {
        try await store.leads(orgId: ids.0, campaignId: ids.1, filter: LeadFilter(search: query), after: nil, limit: 50)
            .map { $0.numbers[0] }
    }

    @Test("what a query is: digits are a number (national digits read as +1), anything else a name key")
    func queries() {
        #expect(LeadSearch("(212) 555-01") == .number(prefix: "+121255501"))
        #expect(LeadSearch("1 212 555") == .number(prefix: "+1212555"))
        #expect(LeadSearch("+44 20 7946") == .number(prefix: "+44207946"))
        #expect(LeadSearch("  José   GARCÍA ") == .name(prefix: "jose garcia"))
        #expect(LeadSearch("C-1") == .name(prefix: "c-1"))
        #expect(LeadSearch("   ") == nil)
        #expect(LeadSearch.nameKey("Zoë") == "zoe" && LeadSearch.nameKey("ANNA\tB") == "anna b")
        #expect(LeadSearch.asciiKey(Array("  Ann   O'Neil ".utf8)) == LeadSearch.nameKey("  Ann   O'Neil "))
        let long = String(repeating: "abc ", count: 20)
        #expect(LeadSearch.nameKey(long).count == LeadSearch.nameKeyLength - 1, "no trailing space once cut")
        #expect(LeadSearch.nameKey(long + "é") == LeadSearch.asciiKey(Array(long.utf8)))
    }

    @Test("names in another case, with or without accents, and numbers as E.164 or national digits")
    func hardCases() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let ids = try await Self.campaign(in: store)
            #expect(try await Self.found(store, ids, "jose gar") == ["+12125550100", "+12125550104"])
            #expect(try await Self.found(store, ids, "JOSÉ GARCÍA-L") == ["+12125550104"])
            #expect(try await Self.found(store, ids, "zoe") == ["+12125550103"])
            #expect(try await Self.found(store, ids, "ann") == ["+12125550102", "+442079460005"])
            #expect(try await Self.found(store, ids, "анна") == ["+442079460006"])
            #expect(try await Self.found(store, ids, "(212) 555-0102") == ["+12125550102"])
            #expect(try await Self.found(store, ids, "+1 212 555 0102") == ["+12125550102"])
            #expect(try await Self.found(store, ids, "12125550102") == ["+12125550102"])
            #expect(try await Self.found(store, ids, "+44 20 7946").count == 2)
            #expect(try await Self.found(store, ids, "smith").isEmpty, "a name matches from its start")
            #expect(try await Self.found(store, ids, "1312555").isEmpty, "only the primary number is searched")
            #expect(try await Self.found(store, ids, "%").isEmpty)
            #expect(try await Self.found(store, ids, "_").isEmpty)
            for (status, expected) in [(LeadStatus.pending, 2), (.completed, 0)] {
                let found = try await store.leads(
                    orgId: ids.0, campaignId: ids.1, filter: LeadFilter(status: status, search: "ann"), after: nil,
                    limit: 50)
                #expect(found.count == expected, "ann, \(status)")
            }
        }
    }

    @Test("a search page goes on from the last lead of the one before, without gaps or repeats")
    func paging() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, id) = try await TenantPageTests.campaign(in: store, org: "a", leads: 60)
            for query in ["lead 1", "LEAD", "+1212555", "212 555 00"] {
                let whole = try await store.leads(
                    orgId: orgId, campaignId: id, filter: LeadFilter(search: query), after: nil, limit: 500)
                var paged: [LeadRecord] = []
                var after: LeadPageKey?
                while true {
                    let page = try await store.leads(
                        orgId: orgId, campaignId: id, filter: LeadFilter(search: query), after: after, limit: 7)
                    paged += page
                    guard page.count == 7, let last = page.last else { break }
                    after = LeadPageKey(last)
                }
                #expect(!whole.isEmpty && paged == whole, "\(query)")
            }
        }
    }

    @Test("a search reads its key range and finds each lead by its seq, never the campaign's leads one by one")
    func plans() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, id) = try await TenantPageTests.campaign(in: store, org: "a", leads: 50)
            for (query, afterKey) in [
                ("nobody at all", "nobody at all zed"), ("999 999", "+1999999"), ("lead", "lead 40"),
            ] {
                for after in [nil, LeadPageKey(seq: 40, id: 40)] {
                    for status in [nil, LeadStatus.completed] {
                        let sql = SQLCampaignStore.leadPageSQL(
                            orgId: orgId, campaignId: id, filter: LeadFilter(status: status, search: query),
                            after: after, afterKey: after == nil ? nil : afterKey, limit: 50)
                        let plan = try await TenantPageTests.plan(sql, in: store)
                        #expect(
                            plan.contains { $0.hasPrefix("SEARCH k USING PRIMARY KEY") && $0.contains(">") },
                            "\(plan)")
                        #expect(plan.contains { $0.hasPrefix("SEARCH leads USING INDEX leads_order") }, "\(plan)")
                        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
                        #expect(!plan.contains { $0.hasPrefix("SCAN leads") }, "\(plan)")
                    }
                }
            }
            #expect(
                try await store.leads(
                    orgId: orgId, campaignId: id, filter: LeadFilter(search: "nobody at all"), after: nil, limit: 50
                ).isEmpty)
        }
    }

    @Test("a clone and an import keep the name keys; the migration fills those of leads stored before it")
    func keysEverywhere() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let probe = try await database.open()
            let before = try #require(probe.migrations.firstIndex(of: probe.dashboardVersion))
            try await probe.close()
            let old = try await SQLCampaignStore.openSQLite(path: database.path + ".old", migratingThrough: before)
            let ids = try await Self.campaign(in: old)
            try await old.close()
            let store = try await SQLCampaignStore.openSQLite(path: database.path + ".old")
            #expect(try await Self.found(store, ids, "jose gar") == ["+12125550100", "+12125550104"])
            #expect(try await Self.found(store, ids, "анна") == ["+442079460006"])
            let clone = try await store.clone(campaignId: ids.1, withContacts: true, now: TenantPageTests.now)
            #expect(try await Self.found(store, (ids.0, clone), "zoë") == ["+12125550103"])
            let contacts = [
                ImportStoreTests.contact(2, ["+12125550150"], variables: ["NAME": "Éloïse Martin"]),
                ImportStoreTests.contact(3, ["+12125550151"], variables: ["NAME": "eloise  MARTEL", "CITY": "Paris"]),
            ]
            let fresh = try await store.createCampaign(
                orgId: ids.0,
                settings: CampaignSettings(
                    name: "imported", agent: AgentProfile(name: "Zara"), numberPool: ["+14155550100"]),
                now: TenantPageTests.now)
            _ = try await ImportStoreTests.importing(contacts, into: fresh, mode: .replace, store: store)
            let keys = try await store.database.raw(
                "SELECT name_key FROM leads WHERE campaign_id = \(bind: fresh) ORDER BY seq"
            ).all().map { try $0.decode(column: "name_key", as: String.self) }
            #expect(keys == ["eloise martin", "eloise martel"])
            #expect(try await Self.found(store, (ids.0, fresh), "eloise mar") == ["+12125550151", "+12125550150"])
            #expect(try await Self.found(store, (ids.0, fresh), "ELOÏSE MARTI") == ["+12125550150"])
            try await store.close()
        }
    }
}

@Suite(
    "The lead search keys follow the leads: appends, imports in sorted runs, replaced lists, abandoned imports, clones")
struct LeadSearchKeyLifecycleTests {
    static func keyRows(_ store: SQLCampaignStore, _ campaignId: Int64) async throws -> [String] {
        try await store.database.raw(
            """
            SELECT kind, search_key, seq FROM lead_search_keys WHERE campaign_id = \(bind: campaignId)
            ORDER BY kind, search_key, seq
            """
        ).all().map {
            "\(try $0.decode(column: "kind", as: Int64.self)):\(try $0.decode(column: "search_key", as: String.self))"
                + ":\(try $0.decode(column: "seq", as: Int64.self))"
        }
    }

    /// The keys the campaign's visible leads should have, from the leads themselves.
    static func expectedKeys(_ store: SQLCampaignStore, _ campaignId: Int64) async throws -> [String] {
        try await store.database.raw(
            """
            SELECT 0 AS kind, numbers AS search_key, seq FROM leads WHERE campaign_id = \(bind: campaignId)
            UNION ALL SELECT 1, name_key, seq FROM leads WHERE campaign_id = \(bind: campaignId) AND name_key <> ''
            ORDER BY kind, search_key, seq
            """
        ).all().map {
            "\(try $0.decode(column: "kind", as: Int64.self)):\(try $0.decode(column: "search_key", as: String.self))"
                + ":\(try $0.decode(column: "seq", as: Int64.self))"
        }
    }

    @Test(
        "an import in several sorted runs, a replacing one, an append and a clone leave exactly the leads' keys",
        arguments: StoreBackend.available)
    func keysMatchTheLeads(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (orgId, id) = try await TenantPageTests.campaign(in: store, org: "k", leads: 5)
            #expect(try await Self.keyRows(store, id) == Self.expectedKeys(store, id))
            let contacts = (0..<2_600).map {
                ImportStoreTests.contact(
                    $0 + 2, ["+1646555\(String(format: "%04d", ($0 * 7_919) % 10_000))"],
                    variables: ["NAME": "Person \(($0 * 31) % 977)"])
            }
            try await SearchKeyBuffer.$runSize.withValue(700) {
                _ = try await ImportStoreTests.importing(contacts, into: id, mode: .append, store: store)
            }
            #expect(try await Self.keyRows(store, id) == Self.expectedKeys(store, id))
            #expect(try await Self.keyRows(store, id).count == 2 * 2_605)
            _ = try await ImportStoreTests.importing(
                Array(contacts.prefix(40)), into: id, mode: .replace, store: store)
            #expect(try await Self.keyRows(store, id) == Self.expectedKeys(store, id))
            #expect(try await Self.keyRows(store, id).count == 80, "the replaced list's keys are gone")
            let clone = try await store.clone(campaignId: id, withContacts: true, now: TenantPageTests.now)
            #expect(try await Self.keyRows(store, clone) == Self.expectedKeys(store, clone))
            let found = try await store.leads(
                orgId: orgId, campaignId: clone, filter: LeadFilter(search: "person 1"), after: nil, limit: 500)
            #expect(!found.isEmpty && found.allSatisfy { $0.variablesJSON.contains("\"Person 1") })
        }
    }

    @Test(
        "an abandoned import's keys, written in runs while it staged, are removed with its rows",
        arguments: StoreBackend.available)
    func anAbandonedImportLeavesNoKeys(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (orgId, id) = try await TenantPageTests.campaign(in: store, org: "k", leads: 3)
            let feed = StagedImportTests.PausingFeed()
            let imported = Task {
                try await SearchKeyBuffer.$runSize.withValue(500) {
                    try await store.importContacts(campaignId: id, mode: .append, now: Fixture.t0) { sink in
                        try await feed.run(sink)
                    }
                }
            }
            await feed.waitUntilPaused()
            #expect(try await Self.keyRows(store, id).count > 6, "runs were written while the import staged")
            let staged = try await store.leads(
                orgId: orgId, campaignId: id, filter: LeadFilter(search: "c 1"), after: nil, limit: 50)
            #expect(staged.isEmpty, "a key of a row not yet published finds nothing")
            feed.proceed(false)
            await #expect(throws: (any Error).self) { _ = try await imported.value }
            #expect(try await Self.keyRows(store, id) == Self.expectedKeys(store, id))
            #expect(try await Self.keyRows(store, id).count == 6)
        }
    }
}

@Suite("A search with a status filter: read from the status's few leads or from the key range, the same pages")
struct LeadSearchStatusPlanTests {
    @Test("both ways give the same pages and cursors, for every status and query")
    func samePagesEitherWay() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (orgId, id) = try await TenantPageTests.campaign(in: store, org: "s", leads: 120)
            // Some leads leave pending (the counters follow through their trigger).
            for (status, modulus) in [("completed", 5), ("failed", 7), ("in_progress", 11)] {
                try await store.database.raw(
                    """
                    UPDATE leads SET status = \(bind: status) WHERE campaign_id = \(bind: id)
                    AND status = 'pending' AND seq % \(bind: modulus) = 0
                    """
                ).run()
            }
            for status in [LeadStatus.pending, .inProgress, .completed, .failed] {
                for query in ["lead 1", "LEAD", "+1212555", "nobody"] {
                    let filter = LeadFilter(status: status, search: query)
                    var pages: [[Int64]] = [[], []]
                    for (way, fromStatus) in [false, true].enumerated() {
                        var after: LeadPageKey?
                        var afterKey: String?
                        while true {
                            let sql = SQLCampaignStore.leadPageSQL(
                                orgId: orgId, campaignId: id, filter: filter, after: after, afterKey: afterKey,
                                limit: 7, fromStatus: fromStatus)
                            let rows = try await store.database.raw(sql).all()
                            for row in rows {
                                let leadStatus = try row.decode(column: "status", as: String.self)
                                let wanted = status == .pending ? ["pending", "waiting"] : [status.rawValue]
                                #expect(wanted.contains(leadStatus), "\(status) \(query)")
                                pages[way].append(try row.decode(column: "id", as: Int64.self))
                            }
                            guard rows.count == 7, let last = rows.last else { break }
                            after = LeadPageKey(
                                seq: try last.decode(column: "seq", as: Int64.self),
                                id: try last.decode(column: "id", as: Int64.self))
                            afterKey = try last.decode(
                                column: query.first == "+" ? "numbers" : "name_key", as: String.self)
                        }
                    }
                    #expect(pages[0] == pages[1], "\(status) \(query)")
                    if query != "nobody" { #expect(!pages[0].isEmpty, "\(status) \(query)") }
                }
            }
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.completed > 0 && counts.inProgress > 0, "the statuses were exercised")
            let plan = try await TenantPageTests.plan(
                SQLCampaignStore.leadPageSQL(
                    orgId: orgId, campaignId: id, filter: LeadFilter(status: .completed, search: "lead"), after: nil,
                    limit: 50, fromStatus: true), in: store)
            #expect(plan.contains { $0.hasPrefix("SEARCH leads USING INDEX leads_settled") }, "\(plan)")
            #expect(!plan.contains { $0.contains("lead_search_keys") || $0.hasPrefix("SCAN leads") }, "\(plan)")
        }
    }
}
