import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

/// SPEC §12: a call is final with its agent's report. Whatever the provider saw of the report when it emitted the
/// end, the transaction that ends the call takes the stored report; a report is either used or refused as too late.
@Suite("Agent reports at a call's finality")
struct AgentReportFinalityTests {
    /// Leases `count` calls of a new running campaign and gives each a token; returns the calls and the campaign.
    static func liveCalls(
        _ store: SQLCampaignStore, count: Int
    ) async throws -> (campaignId: Int64, orgId: Int64, attempts: [LeasedAttempt]) {
        let (orgId, id) = try await Fixture.campaign(
            in: store, settings: Fixture.settings { $0.callbackDetection = true }, leads: Fixture.leads(count))
        let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
        let attempts = try await store.lease(
            LeaseRequest(
                campaign: campaign, owner: "node-1", now: Fixture.t0, limit: count, openZoneKeys: nil,
                leaseDuration: 600)
        ).attempts
        #expect(attempts.count == count)
        for attempt in attempts {
            try await store.issueAgentToken(
                callId: attempt.callId, orgId: orgId, tokenHash: "hash-\(attempt.callId)", now: Fixture.t0)
        }
        return (id, orgId, attempts)
    }

    static func report(_ disposition: String?, turns: Int = 4, callbackAt: Date? = nil) -> AgentReport {
        AgentReport(
            disposition: disposition, turns: turns, transcript: "agent: Hi\ncallee: Hello", callbackAt: callbackAt)
    }

    @Test("a report stored after the provider stopped waiting still decides the call and its lead")
    func reportTheProviderMissed() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, orgId, attempts) = try await Self.liveCalls(store, count: 1)
            let callId = attempts[0].callId
            let callback = Fixture.t0.addingTimeInterval(86_400)
            #expect(
                try await store.recordAgentReport(
                    callId: callId, Self.report("CALLBACK", turns: 6, callbackAt: callback), now: Fixture.t0)
                    == .recorded)
            // The provider's end carries no disposition: its grace ran out just before the report was stored.
            let providerEnd = Fixture.answered(at: Fixture.t0, disposition: nil, turns: 0)
            let outcome = try await store.recordEnded([EndedCall(callId: callId, result: providerEnd)], now: Fixture.t0)
            guard case .recorded(let decision) = outcome[callId] else {
                Issue.record("the end is recorded")
                return
            }
            #expect(decision.nextAt == callback, "the callback the agent asked for")
            let call = try #require(try await store.call(orgId: orgId, id: callId))
            #expect(call.result?.disposition == "CALLBACK" && call.result?.turns == 6)
            #expect(call.result?.callbackAt == callback)
            let lead = try #require(try await store.lead(orgId: orgId, id: attempts[0].leadId))
            #expect(lead.lastDisposition == "CALLBACK")
        }
    }

    @Test("a call lost during its conversation whose agent reported is answered with that report, not redialled")
    func interruptedWithAReport() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, orgId, attempts) = try await Self.liveCalls(store, count: 2)
            let answeredAt = Fixture.t0.addingTimeInterval(7)
            for attempt in attempts {
                let progress = CallProgress(
                    callId: attempt.callId, state: .answered, providerCallId: "sip-\(attempt.callId)",
                    at: answeredAt, answeredBy: .human)
                #expect(try await store.recordProgress([progress], now: answeredAt) == [attempt.callId])
            }
            let reported = attempts[0]
            #expect(
                try await store.recordAgentReport(callId: reported.callId, Self.report("OPT_OUT"), now: answeredAt)
                    == .recorded)
            let lostAt = Fixture.t0.addingTimeInterval(700)
            let interrupted = CallResult(startedAt: nil, answeredAt: nil, endedAt: lostAt, outcome: .interrupted)
            _ = try await store.recordEnded(
                attempts.map { EndedCall(callId: $0.callId, result: interrupted) }, now: lostAt)

            let withReport = try #require(try await store.call(orgId: orgId, id: reported.callId)?.result)
            #expect(withReport.outcome == .answered && withReport.disposition == "OPT_OUT")
            #expect(withReport.answeredAt == answeredAt && withReport.answeredBy == .human)
            let optOut = try await store.optOut(orgId: orgId, e164: reported.to)
            #expect(optOut != nil, "OPT_OUT from the agent opts the number out even though the call was lost")
            let reportedLead = try #require(try await store.lead(orgId: orgId, id: reported.leadId))
            #expect(reportedLead.status != LeadStatus.pending.rawValue)

            let silent = try #require(try await store.call(orgId: orgId, id: attempts[1].callId)?.result)
            #expect(silent.outcome == .interrupted && silent.disposition == nil)
            #expect(silent.answeredAt == answeredAt, "the answer its progress recorded is kept")
            #expect(
                try await store.recordAgentReport(callId: attempts[1].callId, Self.report("OPT_OUT"), now: lostAt)
                    == .tooLate)
        }
    }

    /// Every report answered `recorded` is in its call's result; none refused as too late is.
    @Test("reports racing the ends on two connections", arguments: [1, 2, 3, 4] as [UInt64])
    func reportsRacingEnds(seed: UInt64) async throws {
        try await StoreBackend.sqlite.withDatabase { database in
            let engine = try await database.open()
            let api = try await database.open()
            let (_, orgId, attempts) = try await Self.liveCalls(engine, count: 24)
            var random = SeededRandom(seed: seed)
            let dispositions = ["INTERESTED", "NOT_INTERESTED", "CALLBACK", "OPT_OUT", "WRONG_NUMBER"]
            let plan = attempts.map { attempt in
                (attempt.callId, dispositions.randomElement(using: &random)!, Int.random(in: 0..<4, using: &random))
            }
            let end = Fixture.answered(at: Fixture.t0, disposition: nil, turns: 0)
            let answers = try await withThrowingTaskGroup(of: (Int64, AgentReportRecording).self) { group in
                group.addTask {
                    for (callId, _, delay) in plan {
                        for _ in 0..<delay { await Task.yield() }
                        _ = try await engine.recordEnded([EndedCall(callId: callId, result: end)], now: Fixture.t0)
                    }
                    return (0, .unknownCall)
                }
                for (callId, disposition, delay) in plan {
                    group.addTask {
                        for _ in 0..<(3 - delay) { await Task.yield() }
                        let callback = disposition == "CALLBACK" ? Fixture.t0.addingTimeInterval(7_200) : nil
                        let answer = try await api.recordAgentReport(
                            callId: callId, Self.report(disposition, callbackAt: callback), now: Fixture.t0)
                        return (callId, answer)
                    }
                }
                var answers: [Int64: AgentReportRecording] = [:]
                for try await (callId, answer) in group where callId != 0 { answers[callId] = answer }
                return answers
            }
            for (callId, disposition, _) in plan {
                let result = try #require(try await engine.call(orgId: orgId, id: callId)?.result)
                switch answers[callId] {
                case .recorded:
                    #expect(result.disposition == disposition, "call \(callId): its recorded report decides it")
                case .tooLate:
                    #expect(result.disposition == nil, "call \(callId): a refused report changes nothing")
                    #expect(try await engine.agentReport(callId: callId) == nil)
                default:
                    Issue.record("call \(callId): unexpected answer \(String(describing: answers[callId]))")
                }
            }
        }
    }
}
