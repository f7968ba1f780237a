import CampaignCore
import Foundation

/// What makes SPEC §9 bite in a random campaign, drawn after everything else so that each seed keeps the campaign
/// it drew before: numbers in jurisdictions with hours and caps, lead zones that follow the primary number, named
/// windows wider than the legal hours, and enough quick retries to reach the caps.
extension RandomCampaign {
    /// Where a generated number is: its leading digits and the zones the importer would give it.
    struct NumberRegion {
        let prefix: String
        let zones: [String]
        /// The digits that follow the prefix.
        let rest: ClosedRange<Int>
    }

    static let regions: [NumberRegion] = {
        let us = 2_000_000...9_999_999
        return [
            NumberRegion(prefix: "+1212", zones: ["America/New_York"], rest: us),
            NumberRegion(prefix: "+1312", zones: ["America/Chicago"], rest: us),
            NumberRegion(prefix: "+1415", zones: ["America/Los_Angeles"], rest: us),
            NumberRegion(prefix: "+1808", zones: ["Pacific/Honolulu"], rest: us),
            NumberRegion(prefix: "+1907", zones: ["America/Anchorage"], rest: us),
            NumberRegion(prefix: "+1602", zones: ["America/Phoenix"], rest: us),
            NumberRegion(prefix: "+1303", zones: ["America/Denver"], rest: us),
            NumberRegion(prefix: "+1305", zones: ["America/New_York"], rest: us),
            NumberRegion(prefix: "+1407", zones: ["America/New_York"], rest: us),
            NumberRegion(prefix: "+1813", zones: ["America/New_York"], rest: us),
            // The panhandle straddles Central and Eastern time: both are candidates.
            NumberRegion(prefix: "+1850", zones: ["America/Chicago", "America/New_York"], rest: us),
            NumberRegion(prefix: "+1405", zones: ["America/Chicago"], rest: us),
            NumberRegion(prefix: "+1918", zones: ["America/Chicago"], rest: us),
            NumberRegion(prefix: "+1301", zones: ["America/New_York"], rest: us),
            NumberRegion(prefix: "+1410", zones: ["America/New_York"], rest: us),
            NumberRegion(prefix: "+1416", zones: ["America/Toronto"], rest: us),
            NumberRegion(prefix: "+9198", zones: ["Asia/Kolkata"], rest: 10_000_000...99_999_999),
            NumberRegion(prefix: "+9199", zones: ["Asia/Kolkata"], rest: 10_000_000...99_999_999),
            NumberRegion(prefix: "+44207", zones: ["Europe/London"], rest: us),
            NumberRegion(prefix: "+6129", zones: ["Australia/Sydney"], rest: 1_000_000...9_999_999),
        ]
    }()

    /// Named windows that open before and close after the legal hours somewhere, every day.
    static let wideWindows: [(zone: String, start: Int, end: Int)] = [
        ("America/New_York", 360, 1410), ("UTC", 0, 1440), ("America/Chicago", 300, 1380),
        ("Asia/Kolkata", 0, 1440), ("America/Los_Angeles", 420, 1440),
    ]

    /// The region a number was drawn in.
    static func region(of number: String) -> NumberRegion? {
        regions.filter { number.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }
    }

    /// Redraws the numbers (the same old number gets the same new one, so numbers shared across leads stay shared)
    /// and gives each lead its primary number's zones, or now and then the zones it drew before, as a zone column
    /// would; then widens the window and the retries of some campaigns.
    mutating func drawComplianceCases(_ random: inout SeededRandom) {
        func pick<T>(_ items: [T]) -> T { items[random.integer(in: 0...(items.count - 1))] }
        var renumbered: [String: String] = [:]
        for index in leads.indices {
            for number in leads[index].numbers where renumbered[number] == nil {
                if random.unit() < 0.25 {
                    renumbered[number] = number
                } else {
                    let region = pick(Self.regions)
                    renumbered[number] = region.prefix + String(random.integer(in: region.rest))
                }
            }
            var numbers: [String] = []
            for number in leads[index].numbers.compactMap({ renumbered[$0] }) where !numbers.contains(number) {
                numbers.append(number)
            }
            leads[index].numbers = numbers
            if random.unit() < 0.9, let region = Self.region(of: numbers[0]) {
                leads[index].timezones = region.zones
                leads[index].timezoneSource = "number"
            } else {
                leads[index].timezoneSource = "column"
            }
        }
        if random.unit() < 0.4 {
            let wide = pick(Self.wideWindows)
            settings.window.timezone = .named(TimeZone(identifier: wide.zone)!)
            settings.window.start = LocalTime(minutes: wide.start)!
            settings.window.end = LocalTime(minutes: wide.end)!
            settings.window.days = Set(Weekday.allCases)
        }
        if random.unit() < 0.5 {
            settings.retry.maxAttempts = random.integer(in: 4...6)
            settings.retry.delayMinutes = pick([0, 5, 30, 90])
            settings.retry.on.formUnion(["no_answer", "busy", "voicemail"])
        }
    }
}
