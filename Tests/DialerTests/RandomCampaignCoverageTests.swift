import CampaignCore
import ContactImport
import Foundation
import TestSupport
import Testing

/// The property test's campaigns reach what SPEC §9 is about, and the engine reads their numbers as the checker
/// does; otherwise zero violations would prove little.
@Suite("Random campaigns reach the compliance rules")
struct RandomCampaignCoverageTests {
    let campaigns = EngineRulesPropertyTests.seeds.map(RandomCampaign.init(seed:))

    @Test func numbersWindowsAndRetriesReachTheRules() {
        let numbers = Set(campaigns.flatMap { $0.leads.flatMap(\.numbers) })
        for region in RandomCampaign.regions {
            #expect(numbers.contains { $0.hasPrefix(region.prefix) }, "no number starts \(region.prefix)")
        }
        let wide = campaigns.filter { campaign in
            let window = campaign.settings.window
            return window.days.count == 7
                && RandomCampaign.wideWindows.contains {
                    window.timezone == .named(TimeZone(identifier: $0.zone)!) && window.start.minutes == $0.start
                        && window.end.minutes == $0.end
                }
        }
        #expect((25...55).contains(wide.count), "\(wide.count) campaigns with a wide named window")
        let quickRetries = campaigns.filter {
            $0.settings.retry.maxAttempts >= 4 && $0.settings.retry.delayMinutes <= 30
        }
        #expect(quickRetries.count >= 20, "\(quickRetries.count) campaigns retry often enough to reach a cap")
        let shared = campaigns.filter { campaign in
            let capped = campaign.leads.flatMap(\.numbers).filter {
                CallLogChecker.ruleIds(of: $0).contains(where: CallLogChecker.cappedRules.contains)
            }
            return Set(capped).count < capped.count
        }
        #expect(shared.count >= 10, "\(shared.count) campaigns share a capped number across leads")
    }

    @Test func theEngineReadsEveryNumberAsTheCheckerDoes() {
        let ruleOf = ["US": "us", "US-FL": "us-fl", "US-OK": "us-ok", "US-MD": "us-md", "IN": "in", "CA": "ca"]
        for number in Set(campaigns.flatMap { $0.leads.flatMap(\.numbers) }) {
            let key = EngineRulesPropertyTests.ruleKeys.ruleKey([number])
            let rules = Set(key.split(separator: "|").compactMap { ruleOf[String($0)] })
            #expect(
                (rules.isEmpty ? ["default"] : rules) == Set(CallLogChecker.ruleIds(of: number)),
                "\(number): engine key \(key), checker \(CallLogChecker.ruleIds(of: number))")
        }
    }
}
