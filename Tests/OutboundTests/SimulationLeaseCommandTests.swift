import CampaignCore
import Foundation
import Testing

@testable import CampaignStore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Two simulate processes on one campaign")
struct SimulationLeaseCommandTests {
    @Test func theSecondIsRefusedWhileTheFirstLivesAndTakesOverWhenItDies() async throws {
        let folder = try CLI.temporaryFolder()
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 3_000)
        let campaignId = try #require(Int64(id))
        let arguments = [
            "simulate", "--db", db, "--campaign", id, "--from", "2026-03-09T13:00:00Z",
            "--until", "2026-03-31T00:00:00Z", "--seed", "5",
        ]
        let observer = try await SQLCampaignStore.openSQLite(path: db)
        let race = try Self.secondWhileFirstRuns(arguments, db: db, campaignId: campaignId, in: folder)
        let (first, refused) = (race.first, race.refused)
        if !race.firstWasRunning {
            let stderr = String(decoding: race.firstErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            Issue.record("the first simulate ended before the second was refused: \(stderr)")
        }
        #expect(race.held == Int64(first.processIdentifier), "the first simulate holds the lease")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("already simulating"), "\(refused.stderr)")
        #expect(refused.stderr.contains("pid \(first.processIdentifier)"), "\(refused.stderr)")
        #expect(race.heldAfter == race.held, "the lease stays with the first")

        CLI.kill9(first)
        let resumed = try CLI.run(arguments + ["--json"], in: folder)
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(resumed.stdout.contains("\"status\":\"completed\""), "\(resumed.stdout)")
        #expect(try await observer.simulationHolder(campaignId: campaignId) == nil, "released when done")

        let calls = try await observer.calls(campaignId: campaignId)
        #expect(calls.allSatisfy { $0.result != nil })
        for (lead, group) in Dictionary(grouping: calls, by: \.leadId) {
            let ordered = group.sorted { $0.attempt < $1.attempt }
            #expect(ordered.map(\.attempt) == Array(1...ordered.count), "lead \(lead)")
            for (previous, next) in zip(ordered, ordered.dropFirst()) {
                let ended = try #require(previous.result?.endedAt)
                #expect(next.queuedAt >= ended, "lead \(lead) was dialled twice at once")
            }
        }
        try await observer.close()
        try? FileManager.default.removeItem(at: folder)
    }

    struct Race {
        let first: Process
        let firstErrors: Pipe
        let held: Int64?
        let refused: CLI.Output
        let firstWasRunning: Bool
        let heldAfter: Int64?
    }

    /// Launches the first simulate, waits until it holds the lease and runs the second. Nothing here suspends: the
    /// lease is polled on this thread (the cooperative pool may be busy with other tests' child processes for
    /// longer than a simulation runs).
    static func secondWhileFirstRuns(
        _ arguments: [String], db: String, campaignId: Int64, in folder: URL
    ) throws -> Race {
        let reader = try SQLiteHandle.open(path: db, create: false)
        defer { reader.close() }
        func holderPid() -> Int64? {
            var pid: Int64?
            try? reader.executeNow(
                "SELECT pid FROM simulation_leases WHERE campaign_id = ?", [.integer(Int(campaignId))]
            ) { row in pid = row.integer(at: 0) }
            return pid
        }
        let (first, _, firstErrors) = try CLI.launch(arguments, in: folder)
        let deadline = Date().addingTimeInterval(60)
        while holderPid() == nil && first.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let held = holderPid()
        let refused = try CLI.run(arguments, in: folder)
        return Race(
            first: first, firstErrors: firstErrors, held: held, refused: refused, firstWasRunning: first.isRunning,
            heldAfter: holderPid())
    }
}
