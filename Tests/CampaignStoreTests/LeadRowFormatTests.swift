import CampaignCore
import Foundation
import Testing

@testable import CampaignStore

@Suite("The lead row of schemas 5 and 6: variable layouts, line-type letters, the dialled number derived, zone ids")
struct LeadRowFormatTests {
    /// Values that need escaping, an empty one and non-ASCII text must come back exactly, with the names of
    /// their file's layout, sorted as the export promises.
    @Test func variablesComeBackWholeThroughTheirLayout() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: [])
            let tricky = [
                "Z_NOTES": "said \"later\",\nthen\\hung up\t\u{1}", "A_NAME": "Renée 🙂", "M_EMPTY": "",
            ]
            let first = ImportedContact(
                sourceLine: 2, numbers: ["+12125550100"], timezones: ["America/New_York"], timezoneSource: "number",
                variableNames: ["Z_NOTES", "A_NAME", "M_EMPTY"],
                variableValues: ["Z_NOTES", "A_NAME", "M_EMPTY"].map { tricky[$0]! })
            _ = try await ImportStoreTests.importing([first], into: id, mode: .replace, store: store)
            let other = ImportStoreTests.contact(2, ["+12125550101"], variables: ["CASE": "C-1"])
            _ = try await ImportStoreTests.importing([other], into: id, mode: .append, store: store)

            let rows = try await ImportStoreTests.export(id, from: store)
            #expect(rows.count == 2)
            let decoded = try JSONDecoder().decode([String: String].self, from: Data(rows[0].variablesJSON.utf8))
            #expect(decoded == tricky)
            #expect(rows[0].variablesJSON.hasPrefix(#"{"A_NAME":"Renée 🙂","M_EMPTY":"","Z_NOTES":"#))
            #expect(rows[1].variablesJSON == #"{"CASE":"C-1"}"#)

            let stored = try await store.serial { db in
                try await db.raw("SELECT variables, layout_id FROM leads ORDER BY seq").all().map {
                    (
                        try $0.decode(column: "variables", as: String.self),
                        try $0.decode(column: "layout_id", as: Int64.self)
                    )
                }
            }
            #expect(stored.allSatisfy { !$0.0.contains("NAME") && !$0.0.contains("CASE") }, "names are not per row")
            #expect(Set(stored.map(\.1)).count == 2, "two files with different columns, two layouts")
        }
    }

    /// A database written by schema 4 keeps working: its rows still hold the variables as an object, the line
    /// type names become letters, and the number dialled is the one its number index points at.
    @Test func aSchemaFourDatabaseIsReadAfterMigration() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let old = try await SQLCampaignStore.openSQLite(path: database.path, migratingThrough: 4)
            let (_, id) = try await Fixture.campaign(in: old, leads: [])
            try await old.serial { db in
                try await db.raw(
                    """
                    INSERT INTO leads (org_id, campaign_id, seq, source_line, numbers, primary_number, zone_key,
                    timezone_source, variables, status, attempts, pass, number_index, current_number, stopped,
                    callbacks, priority, next_at, updated_at, number_variables, number_types)
                    VALUES (1, \(bind: id), 0, 2, '+12125550100|+12125550101', '+12125550100', 'America/New_York',
                    'number', '{"NAME":"Ann \\"A\\""}', 'pending', 1, 1, 1, '+12125550101', '0', 0, 0, 0, 0,
                    '[]', 'fixed_line_or_mobile|mobile')
                    """
                ).run()
                try await db.raw(
                    "INSERT INTO campaign_zones (campaign_id, zone_key) VALUES (\(bind: id), 'America/New_York')"
                ).run()
            }
            try await old.close()

            let store = try await database.open()
            let rows = try await ImportStoreTests.export(id, from: store)
            #expect(rows.map(\.variablesJSON) == [#"{"NAME":"Ann \"A\""}"#])
            #expect(rows.map(\.numbers) == [["+12125550100", "+12125550101"]])
            let types = try await store.serial { db in
                try await db.raw("SELECT number_types FROM leads").first()?.decode(
                    column: "number_types", as: String.self)
            }
            #expect(types == "BM")
            #expect(LineTypeCodes.decode("BM") == ["fixed_line_or_mobile", "mobile"])

            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let batch = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w", now: Fixture.t0, limit: 5, openZoneKeys: nil, leaseDuration: 60))
            #expect(batch.attempts.map(\.to) == ["+12125550101"], "the number at the lead's number index")
            #expect(batch.attempts.map(\.contactTimezone) == ["America/New_York"], "the zone key became an id")
        }
    }

    /// A zone key is stored once whatever the number of leads and campaigns that have it; the lease, the export,
    /// the forecast's count of ambiguous contacts and failing a zone's leads all go through its id.
    @Test func zoneKeysAreStoredOnceAndNameTheLeadsZones() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, first) = try await Fixture.campaign(in: store, leads: [])
            let (_, second) = try await Fixture.campaign(in: store, leads: [])
            let ambiguous = ["America/Chicago", "America/Denver"]
            let contacts = [
                ImportStoreTests.contact(2, ["+13125550100"], zones: ["America/Chicago"]),
                ImportStoreTests.contact(3, ["+19705550101"], zones: ambiguous),
                ImportStoreTests.contact(4, ["+13125550102"], zones: ["America/Chicago"]),
                ImportStoreTests.contact(5, ["+19705550103"], zones: ambiguous),
            ]
            _ = try await ImportStoreTests.importing(contacts, into: first, mode: .replace, store: store)
            _ = try await ImportStoreTests.importing(
                Array(contacts.prefix(2)), into: second, mode: .replace, store: store)

            let keys = try await store.serial { db in
                try await db.raw("SELECT zone_key FROM zone_keys ORDER BY zone_key").all().map {
                    try $0.decode(column: "zone_key", as: String.self)
                }
            }
            #expect(keys == ["America/Chicago#", "America/Chicago|America/Denver#"])
            #expect(try await store.zoneKeys(campaignId: first) == keys)
            #expect(try await ImportStoreTests.export(first, from: store).map(\.timezones) == contacts.map(\.timezones))
            #expect(
                try await store.forecastFacts(campaignId: first).ambiguousZones == ["America/Chicago|America/Denver": 2]
            )

            let campaign = try await store.apply(.start, campaignId: first, now: Fixture.t0)
            func lease(_ open: [String]) async throws -> [String] {
                try await store.lease(
                    LeaseRequest(
                        campaign: campaign, owner: "w", now: Fixture.t0, limit: 10, openZoneKeys: open,
                        leaseDuration: 60)
                ).attempts.map(\.to)
            }
            #expect(try await lease(["America/New_York"]).isEmpty, "a key no lead has")
            #expect(try await lease([keys[1]]) == ["+19705550101", "+19705550103"])
            #expect(
                try await store.failLeads(
                    campaignId: first, zoneKey: keys[0], reason: "zone", blockedBy: nil, now: Fixture.t0) == 2)
            #expect(try await lease(keys).isEmpty, "the ambiguous leads are leased, the Chicago ones failed")
        }
    }

    /// A batch is merged contact by contact in order; the ids of its lists are looked up only for contacts that are
    /// stored, so a variable layout or zone key that only a merged duplicate names leaves no trace.
    @Test func aBatchLooksUpOnlyTheListsOfTheContactsItStores() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: [])
            var batch = ContactBatch()
            let shared = try batch.addNameList(["NAME", "CASE"])
            let duplicateOnly = try batch.addNameList(["ONLY_IN_A_DUPLICATE"])
            let alternate = try batch.addNameList(["NAME"])
            let chicago = batch.addZoneList(["America/Chicago"], source: "number", ruleKey: "US")
            let tokyo = batch.addZoneList(["Asia/Tokyo"], source: "column", ruleKey: "US")
            batch.beginContact(sourceLine: 2, names: shared, zones: chicago)
            batch.addValue("Ann")
            batch.addValue("C-1")
            batch.addNumber("+13125550100", lineType: UInt8(ascii: "F"), origin: 0, names: ContactBatch.none)
            batch.addNumber("+13125550101", lineType: UInt8(ascii: "M"), origin: 1, names: alternate)
            batch.addValue("Ann work")
            batch.beginContact(sourceLine: 3, names: duplicateOnly, zones: tokyo)
            batch.addValue("x")
            batch.addNumber("+13125550100", lineType: UInt8(ascii: "F"), origin: 0, names: ContactBatch.none)
            batch.beginContact(sourceLine: 4, names: shared, zones: chicago)
            batch.addValue("Bo")
            batch.addValue("C-2")
            batch.addNumber("+13125550102", lineType: UInt8(ascii: "F"), origin: 0, names: ContactBatch.none)
            batch.addNumber("+13125550101", lineType: UInt8(ascii: "M"), origin: 1, names: ContactBatch.none)

            var notices: [ContactAddNotice] = []
            let totals = try await store.importContacts(campaignId: id, mode: .replace, now: Fixture.t0) { sink in
                notices = try await sink.add(batch)
            }
            #expect(totals.imported == 2 && totals.duplicates == 1 && totals.droppedNumbers == 1)
            #expect(
                notices == [
                    ContactAddNotice(
                        index: 1, result: .duplicate(DroppedNumber(number: "+13125550100", origin: .line(2)))),
                    ContactAddNotice(
                        index: 2,
                        result: .imported(
                            excluded: false, dropped: [DroppedNumber(number: "+13125550101", origin: .line(2))])),
                ])
            let rows = try await ImportStoreTests.export(id, from: store)
            #expect(rows.map(\.numbers) == [["+13125550100", "+13125550101"], ["+13125550102"]])
            #expect(rows.map(\.variablesJSON) == [#"{"CASE":"C-1","NAME":"Ann"}"#, #"{"CASE":"C-2","NAME":"Bo"}"#])
            #expect(rows.allSatisfy { $0.timezones == ["America/Chicago"] && $0.timezoneSource == "number" })
            let stored = try await store.serial { db in
                try await db.raw("SELECT number_variables, number_types FROM leads ORDER BY seq").all().map {
                    [
                        try $0.decode(column: "number_variables", as: String.self),
                        try $0.decode(column: "number_types", as: String.self),
                    ]
                }
            }
            #expect(stored == [[#"[{},{"NAME":"Ann work"}]"#, "FM"], ["[]", "F"]])
            let (layouts, keys) = try await store.serial { db in
                (
                    try await db.raw("SELECT names FROM variable_layouts").all().map {
                        try $0.decode(column: "names", as: String.self)
                    },
                    try await db.raw("SELECT zone_key FROM zone_keys").all().map {
                        try $0.decode(column: "zone_key", as: String.self)
                    }
                )
            }
            #expect(!layouts.contains { $0.contains("ONLY_IN_A_DUPLICATE") } && layouts.contains(#"["NAME","CASE"]"#))
            #expect(keys == ["America/Chicago#US"])
            #expect(try await store.zoneKeys(campaignId: id) == ["America/Chicago#US"])
        }
    }

    /// The stored values are read back without `JSONDecoder`; the hand-written reader must agree with it on every
    /// escape and refuse what is not an array of strings.
    @Test func storedValuesAreReadLikeJSONDecoderReadsThem() throws {
        let texts = [
            #"[]"#, #"["a"]"#, #" [ "a" , "" ] "#, #"["q\"b\\s\/ \b\f\n\r\t"]"#, #"["\u00e9\u0001\uD83D\uDE42"]"#,
            #"["Renée 🙂"]"#,
        ]
        for text in texts {
            let expected = try JSONDecoder().decode([String].self, from: Data(text.utf8))
            #expect(JSONText.strings(text) == expected, "\(text)")
        }
        let bad = [
            #"{"a":"b"}"#, #"["a""#, #"["a",]"#, #"[1]"#, #"["\x"]"#, #"["\uD83D"]"#, "[\"a\nb\"]", #"["a"] x"#,
        ]
        for text in bad {
            #expect(JSONText.strings(text) == nil, "\(text)")
        }
    }

    @Test func everyLineTypeHasItsOwnLetter() {
        let names = LineTypeCodes.table.map(\.name)
        #expect(Set(LineTypeCodes.table.map(\.code)).count == names.count)
        #expect(LineTypeCodes.decode(LineTypeCodes.encode(names)) == names)
        #expect(LineTypeCodes.encode(["satellite"]) == "?", "a name the table does not know")
    }
}
