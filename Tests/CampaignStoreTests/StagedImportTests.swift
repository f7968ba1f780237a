import CampaignCore
import Foundation
import SQLKit
import Synchronization
import Testing

@testable import CampaignStore

/// An import writes its rows in chunks of short transactions that stay invisible until its last one: reads and
/// other writes go on meanwhile, and a crash leaves nothing visible.
@Suite("Imports in invisible chunks", .timeLimit(.minutes(3)))
struct StagedImportTests {
    struct InducedFailure: Error {}

    /// A feed that adds `count` contacts (2.5 batches of the writer: two chunks are written, at least the first
    /// committed) and then stops until the test lets it go on, or fail.
    final class PausingFeed: Sendable {
        let count: Int
        let prefix: String
        let paused: AsyncStream<Void>
        private let pausedSignal: AsyncStream<Void>.Continuation
        private let resume: AsyncStream<Bool>
        private let resumeSignal: AsyncStream<Bool>.Continuation

        init(count: Int = 2_500, prefix: String = "+1312555") {
            self.count = count
            self.prefix = prefix
            (paused, pausedSignal) = AsyncStream.makeStream(of: Void.self)
            (resume, resumeSignal) = AsyncStream.makeStream(of: Bool.self)
        }

        /// Adds the contacts, says it has paused, and waits: goes on when `proceed(true)`, throws on `false`.
        func run(_ sink: any ContactImportSink) async throws {
            var batch = ContactBatch()
            for index in 0..<count {
                try batch.append(
                    ImportedContact(
                        sourceLine: index + 2, numbers: [prefix + String(format: "%04d", index)],
                        timezones: ["America/New_York"], timezoneSource: "number", variables: ["NAME": "C \(index)"]))
            }
            _ = try await sink.add(batch)
            pausedSignal.yield()
            var goOn = false
            for await value in resume {
                goOn = value
                break
            }
            if !goOn { throw InducedFailure() }
        }

        func waitUntilPaused() async { for await _ in paused { break } }

        func proceed(_ goOn: Bool) { resumeSignal.yield(goOn) }
    }

    /// Rows of the campaign in the file, visible or not.
    static func physicalRows(_ store: SQLCampaignStore, campaignId: Int64) async throws -> Int {
        try await store.serial { db in
            try await db.raw("SELECT COUNT(*) AS n FROM leads WHERE campaign_id = \(bind: campaignId)").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    @Test func aReadCompletesWhileAnImportsChunksAreBeingWritten() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(10))
            let feed = PausingFeed()
            let imported = Task {
                try await store.importContacts(campaignId: id, mode: .replace, now: Fixture.t0) { sink in
                    try await feed.run(sink)
                }
            }
            await feed.waitUntilPaused()
            // The import is in progress: its chunks are in the file, readers see the list it replaces.
            #expect(try await Self.physicalRows(store, campaignId: id) >= 1_010)
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.total == 10 && counts.pending == 10)
            #expect(try await ImportStoreTests.export(id, from: store).count == 10)
            #expect(try await store.hasOpenLeads(campaignId: id))
            // The writer is free between chunks.
            _ = try await store.createOrganization(name: "meanwhile", now: Fixture.t0)
            feed.proceed(true)
            let totals = try await imported.value
            #expect(totals.imported == 2_500)
            #expect(try await store.leadCounts(campaignId: id).total == 2_500)
            #expect(try await Self.physicalRows(store, campaignId: id) == 2_500, "the replaced list is gone")
        }
    }

    @Test func aCrashMidImportLeavesNothingVisibleAndTheNextOpenCleansUp() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let crashing = try await database.open()
            let (_, id) = try await Fixture.campaign(in: crashing, leads: Fixture.leads(5))
            let feed = PausingFeed()
            let imported = Task {
                try await crashing.importContacts(campaignId: id, mode: .append, now: Fixture.t0) { sink in
                    try await feed.run(sink)
                }
            }
            await feed.waitUntilPaused()
            #expect(try await Self.physicalRows(crashing, campaignId: id) >= 1_005)
            // The process "dies": its connections go before the import can clean up after itself.
            try await crashing.close()
            feed.proceed(false)
            await #expect(throws: (any Error).self) { _ = try await imported.value }

            let leftOver = try SQLiteHandle.open(path: database.path, create: false)
            var rows = 0
            var registered = 0
            try await leftOver.execute("SELECT COUNT(*) FROM leads") { rows = Int($0.integer(at: 0)) }
            try await leftOver.execute("SELECT COUNT(*) FROM lead_imports") { registered = Int($0.integer(at: 0)) }
            leftOver.close()
            #expect(rows >= 1_005 && registered == 1, "the chunks are still in the file")

            let reopened = try await database.open()
            #expect(try await reopened.leadCounts(campaignId: id).total == 5)
            #expect(try await Self.physicalRows(reopened, campaignId: id) == 5, "the open removed the chunks")
            let (totals, _) = try await ImportStoreTests.importing(
                ImportStoreTests.contacts(3), into: id, mode: .append, store: reopened)
            #expect(totals.imported == 3 && totals.previous == 5)
        }
    }

    @Test func theNextImportCleansUpAfterACrashedOne() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let crashing = try await database.open()
            let survivor = try await database.open()
            let (_, id) = try await Fixture.campaign(in: crashing, leads: Fixture.leads(5))
            let feed = PausingFeed()
            let imported = Task {
                try await crashing.importContacts(campaignId: id, mode: .append, now: Fixture.t0) { sink in
                    try await feed.run(sink)
                }
            }
            await feed.waitUntilPaused()
            await #expect(throws: StoreError.importInProgress(campaignId: id)) {
                _ = try await ImportStoreTests.importing(
                    ImportStoreTests.contacts(1), into: id, mode: .append, store: survivor)
            }
            try await crashing.close()
            feed.proceed(false)
            await #expect(throws: (any Error).self) { _ = try await imported.value }
            #expect(try await Self.physicalRows(survivor, campaignId: id) >= 1_005)

            let (totals, _) = try await ImportStoreTests.importing(
                ImportStoreTests.contacts(3), into: id, mode: .append, store: survivor)
            #expect(totals.imported == 3 && totals.previous == 5)
            #expect(try await Self.physicalRows(survivor, campaignId: id) == 8, "the crashed import's chunks are gone")
            #expect(try await survivor.leadCounts(campaignId: id).total == 8)
        }
    }

    @Test func chunksStayInvisibleToLeasingCountsAndDedupeUntilTheLastTransaction() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let settings = Fixture.settings {
                $0.mode = .alwaysOn
                $0.concurrency = 1_000
            }
            let (_, id) = try await Fixture.campaign(in: store, settings: settings, leads: Fixture.leads(3))
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let feed = PausingFeed(prefix: "+1646555")
            let imported = Task {
                try await store.importContacts(campaignId: id, mode: .append, now: Fixture.t0) { sink in
                    try await feed.run(sink)
                }
            }
            await feed.waitUntilPaused()
            let batch = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "w1", now: Fixture.t0, limit: 1_000, openZoneKeys: nil,
                    leaseDuration: 600))
            #expect(batch.attempts.count == 3, "only the contacts from before the import are dialled")
            #expect(try await store.pendingLeadCount(campaignId: id, zoneKey: "America/New_York") == 0)
            await #expect(throws: StoreError.importInProgress(campaignId: id)) {
                _ = try await store.addLeads(
                    campaignId: id, leads: Fixture.leads(1, prefix: "+1999555"), now: Fixture.t0)
            }
            await #expect(throws: StoreError.importInProgress(campaignId: id)) {
                _ = try await ImportStoreTests.importing(
                    ImportStoreTests.contacts(1), into: id, mode: .append, store: store)
            }
            feed.proceed(true)
            #expect(try await imported.value.imported == 2_500)
            let counts = try await store.leadCounts(campaignId: id)
            #expect(counts.total == 2_503 && counts.inProgress == 3)
        }
    }
}
