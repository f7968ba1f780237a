import CampaignCore
import CampaignStore
import Foundation
import Testing

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
        let (first, _, _) = try CLI.launch(arguments, in: folder)
        var held: SimulationHolder?
        for _ in 0..<200 where held == nil {
            held = try await observer.simulationHolder(campaignId: campaignId)?.holder
            if held == nil { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(held?.pid == first.processIdentifier, "the first simulate holds the lease")
        let refused = try CLI.run(arguments, in: folder)
        #expect(first.isRunning, "the first simulate was still running when the second was refused")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("already simulating"), "\(refused.stderr)")
        #expect(refused.stderr.contains("pid \(first.processIdentifier)"), "\(refused.stderr)")
        #expect(try await observer.simulationHolder(campaignId: campaignId)?.holder == held, "the lease stays")

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
}
