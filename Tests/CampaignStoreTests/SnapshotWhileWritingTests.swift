import CampaignCore
import Foundation
import Testing

@testable import CampaignStore

/// The forecast's copy of the database is a read: it completes while the writer is held.
@Suite("Snapshots while the writer is busy", .timeLimit(.minutes(1)))
struct SnapshotWhileWritingTests {
    @Test func aSnapshotCompletesWhileAWriteTransactionIsOpen() async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let store = try await database.open()
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(25))
            let (entered, enteredSignal) = AsyncStream.makeStream(of: Void.self)
            let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
            let writing = Task {
                try await store.transaction { db in
                    try await db.raw("UPDATE campaigns SET generation = 99 WHERE id = \(bind: id)").run()
                    enteredSignal.yield()
                    for await _ in release { break }
                }
            }
            for await _ in entered { break }
            let copy = database.path + ".copy"
            try await store.snapshot(to: copy)
            releaseSignal.yield()
            try await writing.value
            let copied = try await SQLCampaignStore.openSQLite(path: copy, creating: false)
            let campaign = try await copied.campaign(id: id)
            #expect(campaign != nil, "the copy holds the campaign")
            #expect(campaign?.generation != 99, "the copy is the last committed state, not the open transaction's")
            #expect(try await copied.leadCounts(campaignId: id).total == 25)
            try await copied.close()
            SQLCampaignStore.removeDatabaseFiles(copy)
        }
    }
}
