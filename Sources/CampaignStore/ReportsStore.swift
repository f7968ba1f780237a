import CampaignCore
import Foundation

/// What reports read: lead counts, the calls of a campaign and their summary, and the facts of a forecast.
public protocol ReportsStore: Sendable {
    /// Lead counts by status.
    func leadCounts(campaignId: Int64) async throws -> LeadCounts
    /// Calls of the current run by outcome and disposition.
    func callSummary(campaignId: Int64) async throws -> CallSummary
    /// Every call, oldest first, optionally of one campaign.
    func calls(campaignId: Int64?) async throws -> [CallRecord]
    /// Calls per day (of the current run), never-callable leads and zone ambiguity of a campaign.
    func forecastFacts(campaignId: Int64) async throws -> ForecastFacts
}
