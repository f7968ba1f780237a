import CampaignCore
import CampaignStore
import Foundation
import Synchronization
import Testing

@Suite("Contact import and export in the store")
struct ImportStoreTests {
    struct InducedFailure: Error {}

    static func contact(
        _ line: Int, _ numbers: [String], zones: [String] = ["America/New_York"], source: String = "number",
        variables: [String: String] = [:]
    ) -> ImportedContact {
        ImportedContact(
            sourceLine: line, numbers: numbers, numberVariables: numbers.map { _ in [:] },
            numberTypes: numbers.map { _ in "fixed_line_or_mobile" }, timezones: zones, timezoneSource: source,
            variables: variables.isEmpty ? ["NAME": "Line \(line)"] : variables)
    }

    static func contacts(_ count: Int, prefix: String = "+1312555", firstLine: Int = 2) -> [ImportedContact] {
        (0..<count).map { contact(firstLine + $0, [prefix + String(format: "%04d", $0)]) }
    }

    /// Imports `contacts` and returns the totals and what the sink said about each.
    static func importing(
        _ contacts: [ImportedContact], into id: Int64, mode: ContactImportMode, store: SQLCampaignStore
    ) async throws -> (ContactImportTotals, [ContactAddResult]) {
        var results: [ContactAddResult] = []
        let totals = try await store.importContacts(campaignId: id, mode: mode, now: Fixture.t0) { sink in
            for contact in contacts { results.append(try await sink.add(contact)) }
        }
        return (totals, results)
    }

    static func export(_ id: Int64, from store: SQLCampaignStore) async throws -> [ExportedContact] {
        let rows = Mutex<[ExportedContact]>([])
        try await store.exportContacts(campaignId: id) { contact in rows.withLock { $0.append(contact) } }
        return rows.withLock { $0 }
    }

    @Test(arguments: StoreBackend.available)
    func importIntoADraftReplacesItsListAndAppendAddsToIt(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(10))
            let (replaced, _) = try await Self.importing(Self.contacts(3), into: id, mode: .replace, store: store)
            #expect(replaced.imported == 3 && replaced.duplicates == 0 && replaced.previous == 0)
            var rows = try await Self.export(id, from: store)
            #expect(rows.map(\.numbers) == [["+13125550000"], ["+13125550001"], ["+13125550002"]])
            #expect(rows.map(\.sourceLine) == [2, 3, 4])
            #expect(try await store.leadCounts(campaignId: id).total == 3)

            let more = Self.contacts(2, prefix: "+1646555", firstLine: 2)
            let (appended, _) = try await Self.importing(more, into: id, mode: .append, store: store)
            #expect(appended.imported == 2 && appended.previous == 3)
            rows = try await Self.export(id, from: store)
            #expect(rows.count == 5)
            #expect(rows.suffix(2).map(\.numbers) == [["+16465550000"], ["+16465550001"]], "appended after, in order")
            #expect(rows.allSatisfy { $0.status == "pending" })
        }
    }

    @Test(arguments: StoreBackend.available)
    func theSameNumberTwiceIsMergedIntoTheFirstContact(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: [])
            let contacts = [
                Self.contact(2, ["+13125550001", "+13125550002"]),
                Self.contact(3, ["+13125550001"]),
                Self.contact(4, ["+13125550003", "+13125550002"]),
                Self.contact(5, ["+13125550002", "+13125550009"]),
            ]
            let (totals, results) = try await Self.importing(contacts, into: id, mode: .replace, store: store)
            #expect(totals.imported == 2 && totals.duplicates == 2 && totals.droppedNumbers == 1)
            #expect(results[1] == .duplicate(DroppedNumber(number: "+13125550001", origin: .line(2))))
            #expect(
                results[2]
                    == .imported(excluded: false, dropped: [DroppedNumber(number: "+13125550002", origin: .line(2))]))
            #expect(results[3] == .duplicate(DroppedNumber(number: "+13125550002", origin: .line(2))))
            let rows = try await Self.export(id, from: store)
            #expect(rows.map(\.numbers) == [["+13125550001", "+13125550002"], ["+13125550003"]])

            let (again, appendResults) = try await Self.importing(
                [Self.contact(2, ["+13125550003"]), Self.contact(3, ["+13125550004", "+13125550001"])], into: id,
                mode: .append, store: store)
            #expect(again.imported == 1 && again.duplicates == 1)
            guard case .duplicate(let first) = appendResults[0], case .existingContact(let leadId) = first.origin else {
                Issue.record("expected a duplicate of an existing contact, got \(appendResults[0])")
                return
            }
            #expect(leadId == rows[1].id)
            #expect(try await Self.export(id, from: store).last?.numbers == ["+13125550004"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func theListLocksAfterTheFirstRunExceptAppendsToARunningAlwaysOnCampaign(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(2))
            _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            for mode in [ContactImportMode.replace, .append] {
                await #expect(throws: StoreError.contactsLocked(campaignId: id)) {
                    try await Self.importing(Self.contacts(1), into: id, mode: mode, store: store)
                }
            }
            #expect(try await store.leadCounts(campaignId: id).total == 2)

            let (_, alwaysOn) = try await Fixture.campaign(
                in: store, settings: Fixture.settings { $0.mode = .alwaysOn }, leads: Fixture.leads(2))
            _ = try await store.apply(.start, campaignId: alwaysOn, now: Fixture.t0)
            await #expect(throws: StoreError.contactsLocked(campaignId: alwaysOn)) {
                try await Self.importing(Self.contacts(1), into: alwaysOn, mode: .replace, store: store)
            }
            let (totals, _) = try await Self.importing(Self.contacts(3), into: alwaysOn, mode: .append, store: store)
            #expect(totals.imported == 3)
            #expect(try await store.leadCounts(campaignId: alwaysOn).total == 5)
            #expect(try await store.hasOpenLeads(campaignId: alwaysOn))

            let (_, cancelled) = try await Fixture.campaign(in: store)
            _ = try await store.apply(.cancel, campaignId: cancelled, now: Fixture.t0)
            await #expect(throws: StoreError.self) {
                try await Self.importing(Self.contacts(1), into: cancelled, mode: .replace, store: store)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func stickyExclusionsComeBackExcluded(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(
                in: store, settings: Fixture.settings { $0.stickyExclusion = true },
                leads: Fixture.leads(3, prefix: "+1312555"))
            #expect(try await store.exclude(campaignId: id, e164: "+13125550001", now: Fixture.t0) == 1)
            #expect(try await store.exclude(campaignId: id, e164: "+13125550002", now: Fixture.t0) == 1)
            let contacts = [
                Self.contact(2, ["+13125550000"]), Self.contact(3, ["+13125550001"]),
                Self.contact(4, ["+13125550007", "+13125550002"]),
            ]
            let (totals, results) = try await Self.importing(contacts, into: id, mode: .replace, store: store)
            #expect(totals.imported == 3 && totals.excluded == 2)
            #expect(results[1] == .imported(excluded: true, dropped: []))
            let rows = try await Self.export(id, from: store)
            #expect(rows.map(\.status) == ["pending", "excluded", "excluded"])
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.excluded == 2 && counts.pending == 1)

            let (_, plain) = try await Fixture.campaign(in: store, leads: [])
            let (other, _) = try await Self.importing(
                [Self.contact(2, ["+13125550001"])], into: plain, mode: .replace, store: store)
            #expect(other.excluded == 0, "exclusions belong to their campaign")
        }
    }

    @Test(arguments: StoreBackend.available)
    func zonesProvenanceAndVariablesAreStored(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: [])
            let tricky = ["NAME": "Zoë \"Z\" O'Neil", "NOTES": "line one\nline two\\ end\t/", "CASE_NUMBER": "C-1"]
            let contacts = [
                Self.contact(2, ["+13125550001"], zones: ["America/Chicago"], source: "number", variables: tricky),
                Self.contact(5, ["+13125550002"], zones: ["America/Denver", "America/Phoenix"], source: "number"),
                Self.contact(6, ["+13125550003"], zones: ["Europe/Paris"], source: "column"),
                Self.contact(7, ["+80012345678"], zones: ["Etc/UTC"], source: "default"),
            ]
            _ = try await Self.importing(contacts, into: id, mode: .replace, store: store)
            let rows = try await Self.export(id, from: store)
            #expect(
                rows.map(\.timezones) == [
                    ["America/Chicago"], ["America/Denver", "America/Phoenix"], ["Europe/Paris"], ["Etc/UTC"],
                ])
            #expect(rows.map(\.timezoneSource) == ["number", "number", "column", "default"])
            let decoded = try JSONSerialization.jsonObject(with: Data(rows[0].variablesJSON.utf8)) as? [String: String]
            #expect(decoded == tricky)
            #expect(rows[0].variablesJSON.hasPrefix("{\"CASE_NUMBER\":\"C-1\",\"NAME\":"), "sorted keys")
            let zoneKeys = try await store.zoneKeys(campaignId: id)
            #expect(
                Set(zoneKeys) == [
                    "America/Chicago#", "America/Denver|America/Phoenix#", "Europe/Paris#", "Etc/UTC#",
                ], "dial keys: the zones, then the (here empty) rule key")
        }
    }

    @Test(arguments: StoreBackend.available)
    func aFailedImportLeavesNothingBehind(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(10))
            let before = try await Self.export(id, from: store)
            await #expect(throws: InducedFailure.self) {
                _ = try await store.importContacts(campaignId: id, mode: .replace, now: Fixture.t0) { sink in
                    for contact in Self.contacts(3500) { _ = try await sink.add(contact) }
                    throw InducedFailure()
                }
            }
            #expect(try await Self.export(id, from: store) == before, "the draft keeps its list")
            await #expect(throws: InducedFailure.self) {
                _ = try await store.importContacts(campaignId: id, mode: .append, now: Fixture.t0) { sink in
                    for contact in Self.contacts(2500, prefix: "+1646555") { _ = try await sink.add(contact) }
                    throw InducedFailure()
                }
            }
            #expect(try await Self.export(id, from: store) == before)
            #expect(try await store.zoneKeys(campaignId: id) == ["America/New_York"])

            let (totals, _) = try await Self.importing(Self.contacts(2345), into: id, mode: .replace, store: store)
            #expect(totals.imported == 2345)
            let rows = try await Self.export(id, from: store)
            #expect(rows.count == 2345 && rows.first?.sourceLine == 2 && rows.last?.sourceLine == 2346)
        }
    }
}
