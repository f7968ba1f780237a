import CampaignCore
import CampaignStore
import ContactImport
import Foundation

/// An agent's test call (`POST /v1/agents/{id}/test-call`, SPEC §12): one call from one of the organisation's
/// numbers to `to`, through the real path (the caller ID's carrier, the agent's stream, its result), shown live as a
/// campaign of its own that no list shows, so it counts in none of the organisation's campaigns. It obeys the opt-out
/// list and the quiet hours at `to` (refused at once when either forbids the call now) and the caps (the engine holds
/// the call until they allow it).
public struct AgentTestCalls: Sendable {
    /// What the use case reads and writes.
    public typealias Store = TestCallStore & CatalogStore & AuditStore

    let store: any Store
    let compliance: ComplianceRules
    let now: @Sendable () -> Date

    /// Test calls over `store` under `compliance`, on the clock `now`.
    public init(store: any Store, compliance: ComplianceRules, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.compliance = compliance
        self.now = now
    }

    /// A placed test call: the hidden campaign that shows it (`GET /v1/campaigns/{campaignId}`, its calls and
    /// events) and the numbers, in E.164.
    public struct Placed: Sendable, Equatable {
        /// The test call's own campaign.
        public var campaignId: Int64
        /// The called number.
        public var to: String
        /// The caller ID.
        public var from: String
    }

    /// Places a test call of agent `agentId` from `from` to `to` (written as a person would; a national form reads
    /// as a US number), with `variables` for the agent's texts. Refusals: the agent unknown (404); `to` or `from`
    /// missing or not a number, `from` not an outbound number of the organisation (422 naming the field); `to` on
    /// the opt-out list or in its quiet hours now (409 naming `to`, with the time the hours allow calls again).
    public func place(
        orgId: Int64, agentId: Int64, to: String?, from: String?, variables: [String: String]
    ) async throws -> Placed {
        guard let agent = try await store.agent(orgId: orgId, id: agentId) else {
            throw ServerFailure.notFound("agent \(agentId) not found")
        }
        let metadata = try PhoneMetadata.loadBundled()
        let parser = try PhoneNumberParser(metadata: metadata, defaultRegion: "US")
        var problems: [FieldProblem] = []
        let callee = Self.number(to, field: "to", parser: parser, problems: &problems)
        let caller = Self.number(from, field: "from", parser: parser, problems: &problems)
        for (name, value) in variables where Template.normalizedName(name).isEmpty || value.utf8.count > 4_096 {
            problems.append(
                FieldProblem(
                    field: "variables", detail: "'\(name)' must be a variable name with a value of at most 4 KiB"))
        }
        guard problems.isEmpty, let callee, let caller else { throw ServerFailure.invalid(problems) }
        if try await store.optOut(orgId: orgId, e164: callee.e164) != nil {
            throw CatalogError.taken(field: "to", detail: "\(callee.e164) is on the opt-out list")
        }
        let zones = TimeZoneResolver(metadata: metadata).resolve(column: nil, number: callee, defaultZone: "Etc/UTC")
        let ruleKey = JurisdictionResolver(areaCodes: try NANPAreaCodes.loadBundled()).ruleKey(for: callee)
        let lead = NewLead(
            sourceLine: 1, numbers: [callee.e164], timezones: zones.zones, timezoneSource: zones.source.rawValue,
            variables: Dictionary(
                variables.map { (Template.normalizedName($0.key), $0.value) }, uniquingKeysWith: { _, last in last }),
            ruleKey: ruleKey)
        let at = now()
        let settings = Self.settings(agent: agent, to: callee.e164, from: caller.e164)
        let exemptions = ComplianceExemptions(hours: try await store.hoursExemption(orgId: orgId) != nil)
        let rules = DialRules(key: lead.dialKey, window: settings.window, rules: compliance, exemptions: exemptions)
        if let held = rules.heldBy(at: at) {
            let next = rules.nextOpen(atOrAfter: at).map { " until \(ISOTime.format($0))" } ?? ""
            throw CatalogError.taken(
                field: "to",
                detail:
                    "quiet hours at \(callee.e164) (rule \(held.ruleId)\(held.zone.map { " in \($0.identifier)" } ?? ""))"
                    + next)
        }
        let campaignId = try await store.createTestCall(
            orgId: orgId, agentId: agentId, settings: settings, lead: lead, now: at)
        return Placed(campaignId: campaignId, to: callee.e164, from: caller.e164)
    }

    /// The hidden campaign's settings: the agent, the one caller ID, every hour of every day (the quiet hours still
    /// apply), one attempt, no retry.
    static func settings(agent: Agent, to: String, from: String) -> CampaignSettings {
        var settings = CampaignSettings(
            name: "Test call: \(agent.profile.name) to \(to)", agent: agent.profile, numberPool: [from])
        settings.window = CallingWindow(
            start: LocalTime(minutes: 0)!, end: LocalTime(minutes: 1_440)!, timezone: .recipient,
            days: Set(Weekday.allCases))
        settings.concurrency = 1
        settings.retry.maxAttempts = 1
        settings.retry.on = []
        return settings
    }

    private static func number(
        _ text: String?, field: String, parser: PhoneNumberParser, problems: inout [FieldProblem]
    ) -> PhoneNumber? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            problems.append(FieldProblem(field: field, detail: "is required"))
            return nil
        }
        switch parser.parse(text) {
        case .valid(let number): return number
        case .invalid(let reason):
            problems.append(FieldProblem(field: field, detail: "'\(text)' is not a phone number: \(reason)"))
            return nil
        }
    }
}
