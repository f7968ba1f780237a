import CampaignCore
import Foundation
import Testing

@Suite("ISOTime.format writes what Foundation's ISO 8601 formatter writes, without making one")
struct ISOTimeFormatTests {
    static func foundation(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    @Test("fixed instants: the epoch, leap days, ends of years and centuries, fractions dropped, before 1970")
    func fixed() {
        for (seconds, text) in [
            (0.0, "1970-01-01T00:00:00Z"), (1_772_550_000, "2026-03-03T15:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"), (4_107_542_399.999, "2100-02-28T23:59:59Z"),
            (-1, "1969-12-31T23:59:59Z"), (59.9996, "1970-01-01T00:01:00Z"), (-0.5, "1969-12-31T23:59:59Z"),
            (1_709_164_800.75, "2024-02-29T00:00:00Z"),
            (-62_135_596_800, "0001-01-01T00:00:00Z"),
        ] {
            #expect(ISOTime.format(Date(timeIntervalSince1970: seconds)) == text, "\(seconds)")
        }
    }

    @Test("10,000 seeded instants from year 1600 to 2400 agree with Foundation and parse back")
    func agreesWithFoundation() {
        var random = SeededRandom(seed: 17)
        for _ in 0..<10_000 {
            let seconds = Double(random.integer(in: -11_676_096_000...13_569_465_600)) + random.unit()
            let date = Date(timeIntervalSince1970: seconds)
            let text = ISOTime.format(date)
            #expect(text == Self.foundation(date), "\(seconds)")
            #expect(ISOTime.parse(text).map(ISOTime.format) == text)
        }
    }
}
