import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Testing

/// A callee who never answers.
private struct NoAnswer: CallScript {
    var maximumCallDuration: TimeInterval { 60 }
    func place(_ request: DialRequest) async throws -> CallResult {
        CallResult(
            startedAt: request.queuedAt, answeredAt: nil, endedAt: request.queuedAt.addingTimeInterval(25),
            outcome: .noAnswer)
    }
    func reconcile(_ request: DialRequest) async -> CallResult? { nil }
}

@Suite("An admin's exemption from the quiet hours (SPEC §9): the engine dials outside them only while it lasts")
struct HoursExemptionTests {
    static let rules = try! ComplianceRules(
        json: Data(
            """
            {"version": 1, "rules": [{"id": "us-federal", "source": "47 CFR 64.1200(c)(1)", "jurisdiction": "US",
              "hours": {"mon": ["08:00", "21:00"], "tue": ["08:00", "21:00"], "wed": ["08:00", "21:00"],
              "thu": ["08:00", "21:00"], "fri": ["08:00", "21:00"], "sat": ["08:00", "21:00"],
              "sun": ["08:00", "21:00"]}},
             {"id": "default", "source": "none", "jurisdiction": "default", "hours": {"mon": ["08:00", "21:00"],
              "tue": ["08:00", "21:00"], "wed": ["08:00", "21:00"], "thu": ["08:00", "21:00"],
              "fri": ["08:00", "21:00"], "sat": ["08:00", "21:00"], "sun": ["08:00", "21:00"]}}]}
            """.utf8))

    static func nightCampaign() -> CampaignSettings {
        Harness.settings {
            $0.window = CallingWindow(
                start: LocalTime(minutes: 0)!, end: LocalTime(minutes: 1440)!,
                timezone: .named(TimeZone(identifier: "America/New_York")!), days: Set(Weekday.allCases))
            $0.retry.maxAttempts = 1
        }
    }

    func run(exempt: Bool) async throws -> (calls: [CallRecord], audit: [AuditEntry]) {
        var result: ([CallRecord], [AuditEntry]) = ([], [])
        try await Harness.withStore { store, _ in
            let settings = Self.nightCampaign()
            // 02:00 in New York: the window is open, the federal hours are not.
            let start = ISOTime.parse("2026-03-10T07:00:00Z")!
            let leads = (0..<3).map { index in
                NewLead(
                    sourceLine: index + 2, numbers: ["+1212555010\(index)"], timezones: ["America/New_York"],
                    timezoneSource: "number", variables: [:], ruleKey: "US")
            }
            let id = try await Harness.campaign(in: store, settings: settings, leads: leads, at: start)
            let orgId = try #require(try await store.campaign(id: id)).orgId
            if exempt {
                try await AuditContext.$actor.withValue(AuditActor(kind: "user", id: 7, label: "ops@example.com")) {
                    try await store.setHoursExemption(orgId: orgId, reason: "emergency recall notices", now: start)
                }
            }
            _ = try await store.apply(.start, campaignId: id, now: start)
            _ = try await Harness.runner(
                store: store, campaignId: id, clock: VirtualClock(start: start), settings: settings,
                provider: NoAnswer(), compliance: Self.rules
            ).run(until: start.addingTimeInterval(3 * 3600))
            result = (
                try await store.calls(campaignId: id),
                try await store.auditEntries(orgId: orgId, filter: AuditFilter(), beforeId: nil, limit: 50)
            )
        }
        return result
    }

    @Test("without the exemption nobody is called at 02:00; with it all are, and the grant is audited with its reason")
    func exemptionOpensTheNight() async throws {
        let plain = try await run(exempt: false)
        #expect(plain.calls.isEmpty)
        let exempt = try await run(exempt: true)
        #expect(exempt.calls.count == 3)
        let grant = try #require(exempt.audit.first { $0.action == "organization.exemption.grant" })
        #expect(grant.actor == AuditActor(kind: "user", id: 7, label: "ops@example.com"))
        #expect(grant.detail["reason"] == "emergency recall notices")
    }
}
