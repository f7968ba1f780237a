import CampaignCore
import CampaignStore
import Foundation
import TestSupport
import Testing

/// SPEC §12 end to end, as a user runs it: `outbound serve --sip-bind`, sip carriers whose trunks are SIPp, an agent
/// whose stream is the example agent, campaigns created and started over the API. One SIPp answers with a person's
/// "Hello?" (espeak-ng), the call is bridged to the agent, the agent posts its result with the call's token and hangs
/// up; the other SIPp answers busy, and the retry rules redial it. The call log must pass the independent checker.
@Suite("A campaign over SIP through outbound serve (SIPp, the example agent)", .serialized, .timeLimit(.minutes(4)))
struct RealCallCampaignTests {
    /// `text` spoken by espeak-ng, then 4 s of silence, as raw 8 kHz μ-law for SIPp's `rtp_stream`.
    static func spoken(_ text: String, name: String, in folder: URL) throws -> URL {
        let wav = folder.appendingPathComponent("\(name).wav")
        let raw = folder.appendingPathComponent("\(name).ul")
        let espeak = try CLI.runTool("espeak-ng", ["-v", "en-us", "-s", "160", "-w", wav.path, text])
        guard espeak == 0 else { throw CLI.Failure("espeak-ng failed (scripts/test-all.sh installs it)") }
        let sox = try CLI.runTool(
            "sox", [wav.path, "-r", "8000", "-c", "1", "-e", "mu-law", "-t", "raw", raw.path, "pad", "0.3", "4"])
        guard sox == 0 else { throw CLI.Failure("sox failed (scripts/test-all.sh installs it)") }
        return raw
    }

    @Test(
        "answered calls reach the agent and end with its result; machines are hung up; busy calls are retried by the rules; a test call"
    )
    func campaignOverSIP() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hello = try Self.spoken("Hello?", name: "hello", in: folder)
        let greeting = try Self.spoken(
            "Hi, you have reached the voicemail of John Smith. I am not available to take your call right now. "
                + "Please leave your name and number after the tone and I will call you back.", name: "machine",
            in: folder)

        let person = try SIPpPeer.start(
            scenario: "uas_answer_play_wait", filling: ["audio": hello.path],
            arguments: ["-mp", String(try FreePort.udp())], calls: 3, timeout: 120)
        let machine = try SIPpPeer.start(
            scenario: "uas_answer_play_wait", filling: ["audio": greeting.path],
            arguments: ["-mp", String(try FreePort.udp())], calls: 2, timeout: 120)
        let busy = try SIPpPeer.start(
            scenario: "uas_reject", filling: ["code": "486", "reason": "Busy Here"], calls: 2, timeout: 120)
        let fixture = try await SIPServeFixture.start(in: folder, rtpPorts: "31000-31099")
        let (db, key, server) = (fixture.db, fixture.key, fixture.server)
        let agent = try await ExampleAgent.start(api: server.url, listen: 1.0)
        var stopped = false
        defer {
            if !stopped {
                CLI.kill9(server.process)
                kill(agent.process.processIdentifier, SIGKILL)
            }
        }

        let agentId = try await fixture.agent(
            name: "Example", streamURL: "ws://127.0.0.1:\(agent.port)/", greeting: "Hi {{NAME}}")
        var campaigns: [String: Int] = [:]
        for (name, peer, number, retry) in [
            ("people", person, "+14155550100", ["maxAttempts": 2, "delayMinutes": 0, "on": ["no_answer"]]),
            ("busy", busy, "+14155550101", ["maxAttempts": 2, "delayMinutes": 0, "on": ["busy"]]),
            ("machines", machine, "+14155550102", ["maxAttempts": 2, "delayMinutes": 0, "on": ["voicemail"]]),
        ] as [(String, SIPpPeer, String, [String: Any])] {
            let contacts = [
                "people": "phone_number,name\n+12125550101,Ann\n+13125550102,Bob\n",
                "busy": "phone_number,name\n+16465550103,Cy\n", "machines": "phone_number,name\n+17185550105,Eve\n",
            ][name, default: ""]
            campaigns[name] = try await fixture.startedCampaign(
                name: name, trunkPort: peer.port,
                carrier: ["cps": 5, "ringTimeoutSeconds": 10, "ratePerMinute": 0.012],
                number: number, agentId: agentId, contacts: contacts, retry: retry)
        }

        var statuses: [String: String] = [:]
        for _ in 0..<900 {
            for (name, id) in campaigns {
                statuses[name] =
                    try await server.object(
                        "GET", "/v1/campaigns/\(id)", key: key, expected: 200)["status"] as? String
            }
            if statuses.values.allSatisfy({ $0 == "completed" }) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(
            statuses == ["people": "completed", "busy": "completed", "machines": "completed"],
            "\(server.printed)\n\(agent.printed)")
        // A test call through the same agent and trunk: its own campaign, listed nowhere.
        let test = try await server.object(
            "POST", "/v1/agents/\(agentId)/test-call", key: key,
            json: ["to": "+12125550104", "from": "+14155550100", "variables": ["NAME": "Dee"]], expected: 202)
        let testCampaign = test["campaignId"] as? Int ?? 0
        var testStatus = ""
        for _ in 0..<600 where testStatus != "completed" {
            try await Task.sleep(for: .milliseconds(100))
            testStatus =
                try await server.object(
                    "GET", "/v1/campaigns/\(testCampaign)", key: key, expected: 200)["status"] as? String ?? ""
        }
        #expect(testStatus == "completed", "\(server.printed)\n\(agent.printed)")
        let listed = try await server.object("GET", "/v1/campaigns", key: key, expected: 200)["items"] as? [Any]
        #expect(listed?.count == 3, "the test call is in no campaign list")
        let exit = await server.stop()
        let agentEvents = agent.events
        await agent.stop()
        stopped = true
        #expect(exit == 0)
        let personRun = await person.finish(timeout: .seconds(10))
        let busyRun = await busy.finish(timeout: .seconds(10))
        let machineRun = await machine.finish(timeout: .seconds(10))
        #expect(machineRun.status == 0, "SIPp (machine) failed: \(machineRun.printed)")
        #expect(personRun.status == 0, "SIPp (answering) failed: \(personRun.printed)")
        #expect(busyRun.status == 0, "SIPp (busy) failed: \(busyRun.printed)")

        let store = try await SQLCampaignStore.openSQLite(path: db)
        defer { Task { try? await store.close() } }
        let orgId = try #require(try await store.organizations().first?.id)
        for (name, id) in campaigns {
            let campaign = try #require(try await store.campaign(id: Int64(id)))
            let calls = try await store.calls(campaignId: Int64(id))
            let violations = CallLogChecker(settings: campaign.settings).violations(in: calls)
            #expect(violations == [], "\(name): \(violations)")
            if name == "people" {
                #expect(calls.count == 2)
                let transcripts = try await store.transcripts(orgId: orgId, callIds: calls.map(\.id))
                for call in calls {
                    let result = try #require(call.result)
                    #expect(result.outcome == .answered && result.answeredBy == .human, "\(call.to): \(result)")
                    #expect(result.disposition == "INTERESTED" && result.turns == 2, "\(call.to): \(result)")
                    #expect(transcripts[call.id]?.contains("agent:") == true)
                }
            } else if name == "machines" {
                #expect(calls.count == 2, "a machine is retried once by retry.on voicemail")
                for call in calls {
                    #expect(call.result?.outcome == .answered && call.result?.answeredBy == .machine, "\(call)")
                    #expect(call.result?.disposition == nil, "hung up without a stream: no agent, no disposition")
                }
            } else {
                #expect(calls.map(\.result?.outcome) == [.busy, .busy], "busy is retried once, then the lead fails")
                #expect(calls.map(\.attempt) == [1, 2])
            }
        }
        let testCalls = try await store.calls(campaignId: Int64(testCampaign))
        #expect(testCalls.count == 1 && testCalls.first?.to == "+12125550104")
        #expect(testCalls.first?.result?.outcome == .answered && testCalls.first?.result?.disposition == "INTERESTED")
        let started = agentEvents.filter { $0["event"] as? String == "start" }
        #expect(started.count == 3, "the agent got a stream for each answered call and the test call")
        for start in started {
            let parameters = start["customParameters"] as? [String: String] ?? [:]
            #expect(parameters["answeredBy"] == "human" && parameters["token"]?.hasPrefix("oct_") == true)
            #expect(["Hi Ann", "Hi Bob", "Hi Dee"].contains(parameters["greeting"] ?? ""), "\(parameters)")
        }
    }

    @Test("SIGTERM with calls live: the ringing ones are cancelled, the answered one hung up, every end recorded")
    func shutdownEndsLiveCalls() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hello = try Self.spoken("Hello?", name: "hello", in: folder)
        let ringing = try SIPpPeer.start(scenario: "uas_ring_cancel", calls: 2, timeout: 60)
        let person = try SIPpPeer.start(
            scenario: "uas_answer_play_wait", filling: ["audio": hello.path],
            arguments: ["-mp", String(try FreePort.udp())], calls: 1, timeout: 60)
        let fixture = try await SIPServeFixture.start(in: folder, rtpPorts: "31100-31199")
        let (db, server) = (fixture.db, fixture.server)
        // The agent listens for a minute: the call is still up when the server stops.
        let agent = try await ExampleAgent.start(api: server.url, listen: 60)
        var stopped = false
        defer {
            if !stopped {
                CLI.kill9(server.process)
                kill(agent.process.processIdentifier, SIGKILL)
            }
        }
        let agentId = try await fixture.agent(name: "Listener", streamURL: "ws://127.0.0.1:\(agent.port)/")
        var campaigns: [String: Int] = [:]
        for (name, peer, number, contacts) in [
            ("ringing", ringing, "+14155550100", "phone_number\n+12125550101\n+13125550102\n"),
            ("talking", person, "+14155550101", "phone_number\n+16465550103\n"),
        ] as [(String, SIPpPeer, String, String)] {
            campaigns[name] = try await fixture.startedCampaign(
                name: name, trunkPort: peer.port, carrier: ["ringTimeoutSeconds": 120], number: number,
                agentId: agentId, contacts: contacts, retry: ["maxAttempts": 1])
        }
        let store = try await SQLCampaignStore.openSQLite(path: db)
        defer { Task { try? await store.close() } }
        // Wait until both numbers ring and the person is talking to the agent.
        for _ in 0..<300 {
            var states: [CallState] = []
            for id in campaigns.values {
                for call in try await store.calls(campaignId: Int64(id)) {
                    if let state = try await store.callState(callId: call.id) { states.append(state) }
                }
            }
            if states.filter({ $0 == .ringing }).count == 2, states.contains(.answered),
                agent.eventNames.contains("start")
            {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await server.stop() == 0, "\(server.printed)")
        await agent.stop()
        stopped = true
        let ringingRun = await ringing.finish(timeout: .seconds(10))
        let personRun = await person.finish(timeout: .seconds(10))
        #expect(ringingRun.status == 0, "SIPp got our CANCELs: \(ringingRun.printed)")
        #expect(personRun.status == 0, "SIPp got our BYE: \(personRun.printed)")
        let cancelled = try await store.calls(campaignId: Int64(campaigns["ringing"] ?? 0))
        #expect(cancelled.count == 2 && cancelled.allSatisfy { $0.result?.outcome == .cancelled }, "\(cancelled)")
        let talked = try await store.calls(campaignId: Int64(campaigns["talking"] ?? 0))
        #expect(talked.count == 1 && talked.first?.result?.outcome == .answered, "\(talked)")
        #expect(talked.first?.result?.answeredBy == .human)
    }

    @Test("pausing a campaign while its call rings: our CANCEL, the call cancelled, the lead kept for the resume")
    func pauseCancelsRingingCalls() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ringing = try SIPpPeer.start(scenario: "uas_ring_cancel", calls: 1, timeout: 60)
        let fixture = try await SIPServeFixture.start(in: folder, rtpPorts: "31200-31299")
        let (db, key, server) = (fixture.db, fixture.key, fixture.server)
        defer { if server.process.isRunning { CLI.kill9(server.process) } }
        let agentId = try await fixture.agent(name: "Nobody", streamURL: "ws://127.0.0.1:9/")
        let id = try await fixture.startedCampaign(
            name: "paused", trunkPort: ringing.port, carrier: ["ringTimeoutSeconds": 120], number: "+14155550100",
            agentId: agentId, contacts: "phone_number\n+12125550101\n",
            retry: ["maxAttempts": 3, "delayMinutes": 30, "on": []])
        let store = try await SQLCampaignStore.openSQLite(path: db)
        defer { Task { try? await store.close() } }
        var callId: Int64?
        for _ in 0..<300 {
            if let call = try await store.calls(campaignId: Int64(id)).first,
                try await store.callState(callId: call.id) == .ringing
            {
                callId = call.id
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let ringingCall = try #require(callId, "the call rings: \(server.printed)")
        _ = try await server.object("POST", "/v1/campaigns/\(id)/pause", key: key, expected: 200)
        let run = await ringing.finish(timeout: .seconds(15))
        #expect(run.status == 0, "SIPp got our CANCEL: \(run.printed)")
        var outcome: CallOutcome?
        for _ in 0..<100 where outcome == nil {
            outcome = try await store.calls(campaignId: Int64(id)).first { $0.id == ringingCall }?.result?.outcome
            if outcome == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(outcome == .cancelled)
        let orgId = try #require(try await store.organizations().first?.id)
        let lead = try #require(
            try await store.leads(orgId: orgId, campaignId: Int64(id), filter: LeadFilter(), after: nil, limit: 1).first
        )
        #expect(["waiting", "pending"].contains(lead.status), "kept for the resume: \(lead.status)")
        let campaign = try await server.object("GET", "/v1/campaigns/\(id)", key: key, expected: 200)
        #expect(campaign["status"] as? String == "paused")
        #expect(await server.stop() == 0)
    }
}
