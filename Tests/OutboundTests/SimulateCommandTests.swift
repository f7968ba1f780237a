import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("simulate and calls export through the binary")
struct SimulateCommandTests {
    @Test func createSimulateAndExportFollowTheContracts() async throws {
        let folder = try CLI.temporaryFolder()
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 40)
        let output = try CLI.run(
            [
                "simulate", "--db", db, "--campaign", id, "--from", "2026-03-09T13:00:00Z",
                "--until", "2026-03-20T00:00:00Z", "--seed", "3", "--json",
            ], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(summary["status"] as? String == "completed")
        #expect(summary["contacts"] as? Int == 40)
        let calls = try #require(summary["calls"] as? Int)
        #expect(calls >= 40)

        let export = try CLI.run(["calls", "export", "--db", db, "--campaign", id], in: folder)
        #expect(export.status == 0)
        let lines = export.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first == """
                call_id,campaign_id,contact_id,attempt,pass,number_index,to,from,contact_timezone,queued_at,started_at,\
                answered_at,ended_at,outcome,answered_by,duration_seconds,turns,disposition,connected_seconds,cost,run
                """)
        #expect(lines.count == calls + 1)
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(first.count == 21)
        #expect(first[9].hasSuffix("Z") && first[9].hasPrefix("2026-03-09T"))

        let again = try CLI.run(
            [
                "simulate", "--db", db, "--campaign", id, "--from", "2026-03-09T13:00:00Z",
                "--until", "2026-03-20T00:00:00Z", "--seed", "3", "--json",
            ], in: folder)
        #expect(again.status == 0)
        let rerun = try CLI.run(["calls", "export", "--db", db, "--campaign", id], in: folder)
        #expect(rerun.stdout == export.stdout, "a finished simulation run again changes nothing")
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func aSimulationKilledWithSIGKILLResumesWithNoAttemptDialledTwiceAndNoContactLost() async throws {
        let folder = try CLI.temporaryFolder()
        let contacts = 2_000
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: contacts)
        let arguments = [
            "simulate", "--db", db, "--campaign", id, "--from", "2026-03-09T13:00:00Z",
            "--until", "2026-03-31T00:00:00Z", "--seed", "11",
        ]
        let observer = try await SQLCampaignStore.openSQLite(path: db)
        var kills = 0
        var killedAfterProgress = 0
        // Later kills only while none has come after progress yet: a loaded machine starts the child slowly.
        for delay in [0.5, 1.0, 1.5, 2.5, 4.0] where kills < 3 || killedAfterProgress == 0 {
            let before = try await observer.leadCounts(campaignId: Int64(id)!).finished
            let (process, _, _) = try CLI.launch(arguments, in: folder)
            guard CLI.kill9(process, after: delay) else { continue }
            kills += 1
            let after = try await observer.leadCounts(campaignId: Int64(id)!).finished
            if after > before && after < contacts { killedAfterProgress += 1 }
        }
        #expect(kills >= 2, "the child was killed mid-run")
        #expect(killedAfterProgress >= 1, "at least one kill came after the child had finished contacts")
        let final = try CLI.run(arguments + ["--json"], in: folder)
        #expect(final.status == 0, "stderr: \(final.stderr)")
        let campaign = try #require(try await observer.campaign(id: Int64(id)!))
        #expect(campaign.status == .completed)
        let counts = try await observer.leadCounts(campaignId: campaign.id)
        #expect(counts.total == contacts && counts.finished == contacts, "no contact lost: \(counts)")
        let calls = try await observer.calls(campaignId: campaign.id)
        #expect(calls.allSatisfy { $0.result != nil }, "every call ended")
        var attempts: [Int64: [Int]] = [:]
        for call in calls { attempts[call.leadId, default: []].append(call.attempt) }
        #expect(attempts.count == contacts)
        for (lead, numbers) in attempts {
            #expect(numbers.sorted() == Array(1...numbers.count), "lead \(lead): attempts \(numbers)")
        }
        for (lead, group) in Dictionary(grouping: calls, by: \.leadId) {
            let ordered = group.sorted { $0.attempt < $1.attempt }
            for (previous, next) in zip(ordered, ordered.dropFirst()) {
                #expect(next.queuedAt >= previous.result!.endedAt, "lead \(lead) was dialled twice at once")
            }
        }
        try await observer.close()
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func aSimulationStoppedAtItsDeadlineChangesNothingWhenRunAgainAndContinuesWithALaterOne() async throws {
        let folder = try CLI.temporaryFolder()
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 30)
        let first = [
            "simulate", "--db", db, "--campaign", id, "--from", "2026-03-09T13:00:00Z", "--until",
            "2026-03-09T16:00:00Z", "--json",
        ]
        #expect(try CLI.run(first, in: folder).status == 0)
        let before = try CLI.run(["calls", "export", "--db", db], in: folder).stdout
        #expect(try CLI.run(first, in: folder).status == 0)
        #expect(try CLI.run(["calls", "export", "--db", db], in: folder).stdout == before, "same arguments, same log")
        var later = first
        later[later.count - 2] = "2026-03-20T00:00:00Z"
        let finished = try CLI.run(later, in: folder)
        #expect(finished.stdout.contains("\"status\":\"completed\""), "\(finished.stdout)")
        let after = try CLI.run(["calls", "export", "--db", db], in: folder).stdout
        func identities(_ log: String) -> [String] {
            log.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(10) }
                .map { $0.joined(separator: ",") }
        }
        let earlier = identities(before)
        #expect(
            Array(identities(after).prefix(earlier.count)) == earlier, "the first run's calls are kept as they were")
        #expect(after.count > before.count)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func theDemoRunsWithNoSetUpAndPrintsASummary() async throws {
        let folder = try CLI.temporaryFolder()
        let output = try CLI.run(["demo", "--days", "3"], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(output.stdout.contains("360 contacts"))
        for label in ["calls made", "reached", "answer rate", "disposition", "simulated", "wall time"] {
            #expect(output.stdout.contains(label), "summary shows \(label)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("outbound-demo.sqlite").path))
        try? FileManager.default.removeItem(at: folder)
    }
}
