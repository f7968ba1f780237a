import CampaignCore
import Foundation
import Testing

@Suite("The fan-out's window over event ids: gaps opened, filled, given up")
struct WebhookEventWindowTests {
    static let now = Date(timeIntervalSince1970: 1_772_550_000)

    @Test("ids passed over open gaps; the cursor moves to the newest id read")
    func opensGaps() {
        let step = WebhookEventWindow.step(
            cursor: 10, newIds: [11, 14, 15, 17], openGaps: [:], visibleGaps: [], now: Self.now, wait: 60)
        #expect(step == WebhookEventWindow.Step(cursor: 17, opened: [12, 13, 16], closed: []))
    }

    @Test("a gap that became visible is closed; one open for the whole wait is given up; a younger one stays")
    func closesGaps() {
        let step = WebhookEventWindow.step(
            cursor: 20, newIds: [],
            openGaps: [12: Self.now.addingTimeInterval(-5), 13: Self.now.addingTimeInterval(-60), 16: Self.now],
            visibleGaps: [12], now: Self.now, wait: 60)
        #expect(step == WebhookEventWindow.Step(cursor: 20, opened: [], closed: [12, 13]))
    }
}
