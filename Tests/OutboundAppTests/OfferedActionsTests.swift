import CampaignCore
import OutboundApp
import Testing

@Suite("The lifecycle actions the dashboard offers for each status")
struct OfferedActionsTests {
    @Test(
        "each status offers exactly the operator actions the state machine allows from it",
        arguments: [
            (CampaignStatus.draft, [LifecycleAction.start, .cancel]),
            (.scheduled, [.cancel]),
            (.running, [.pause, .cancel]),
            (.paused, [.resume, .restart, .cancel]),
            (.completed, [.restart]),
            (.cancelled, [.restart]),
        ])
    func offered(status: CampaignStatus, expected: [LifecycleAction]) {
        #expect(OfferedActions.lifecycle(from: status) == expected)
    }

    @Test("only draft and paused campaigns are editable")
    func editable() {
        #expect(CampaignStatus.allCases.filter(OfferedActions.editable) == [.draft, .paused])
    }
}
