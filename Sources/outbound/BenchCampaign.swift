import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// The campaigns the benchmarks dial: leads loaded in batches of 20,000, a window open all day, every day.
enum BenchCampaign {
    /// Adds `contacts` leads (`+1212…` numbers, `zones` in turn, one rule key) to a campaign, 20,000 per call.
    static func addLeads(
        _ store: SQLCampaignStore, campaignId: Int64, contacts: Int, zones: [String], now: Date
    ) async throws {
        for base in stride(from: 0, to: contacts, by: 20_000) {
            let leads = (base..<min(base + 20_000, contacts)).map { index in
                NewLead(
                    sourceLine: index + 2, numbers: ["+1212\(String(format: "%07d", index % 10_000_000))"],
                    timezones: [zones[index % zones.count]], timezoneSource: "column", variables: [:],
                    ruleKey: "US|US-NY")
            }
            _ = try await store.addLeads(campaignId: campaignId, leads: leads, now: now)
        }
    }

    /// A campaign `name` of organisation `bench`, open all day every day in UTC, with `contacts` leads, started at
    /// `start`; `adjust` changes its settings before they are validated. The organisation's and campaign's ids.
    static func running(
        _ store: SQLCampaignStore, name: String, contacts: Int, start: Date,
        adjust: (inout CampaignSettings) -> Void
    ) async throws -> (orgId: Int64, campaignId: Int64) {
        var settings = CampaignSettings(name: name, agent: AgentProfile(name: "Bench"), numberPool: ["+14155550100"])
        settings.window = CallingWindow(
            start: LocalTime(minutes: 0)!, end: LocalTime(minutes: 1440)!,
            timezone: .named(TimeZone(identifier: "UTC")!), days: Set(Weekday.allCases))
        adjust(&settings)
        try settings.validate(numbers: try App.numberValidator())
        let orgId = try await store.organization(named: "bench", now: start)
        let agentId = try await store.createAgent(orgId: orgId, profile: settings.agent, now: start)
        let id = try await store.createCampaign(orgId: orgId, agentId: agentId, settings: settings, now: start)
        try await addLeads(store, campaignId: id, contacts: contacts, zones: ["UTC"], now: start)
        _ = try await store.apply(.start, campaignId: id, now: start)
        return (orgId, id)
    }
}
