import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Testing

/// A provider that never reports an end: the engine's ring timeout and maximum duration end the call anyway.
@Suite("A stuck call always ends")
struct StuckCallTests {
    static let limits = CallLimits(ringTimeout: 30, maximumDuration: 300)

    static func run(answers: Bool) async throws -> (CallRecord, hungUp: [Int64]) {
        var record: CallRecord?
        var hungUp: [Int64] = []
        try await Harness.withStore { store, _ in
            let settings = Harness.settings { $0.retry.maxAttempts = 1 }
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(1), at: Harness.friday)
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let provider = EventSourceProvider(
                limits: Self.limits,
                course: { request in
                    CallResult(
                        startedAt: request.queuedAt, answeredAt: nil, endedAt: request.queuedAt, outcome: .noAnswer)
                },
                deliveries: { request, _ in
                    let ringing: [(at: Date, kind: CallEvent.Kind)] = [
                        (request.queuedAt.addingTimeInterval(2), .ringing)
                    ]
                    guard answers else { return ringing }
                    return ringing + [(request.queuedAt.addingTimeInterval(10), .answered(by: .human))]
                })
            let stop = try await CampaignRunner(
                store: store, campaignId: id, provider: provider, clock: VirtualClock(start: Harness.friday),
                workerId: "worker-1", compliance: Harness.permissive
            ).run(until: Harness.friday.addingTimeInterval(86_400))
            #expect(stop == .completed)
            record = try await store.calls(campaignId: id).first
            hungUp = provider.hungUp.withLock { $0 }
            #expect(try await store.liveCallCount(campaignId: id) == 0)
        }
        return (try #require(record), hungUp)
    }

    @Test func aCallThatRingsForeverIsHungUpAtTheRingTimeout() async throws {
        let (call, hungUp) = try await Self.run(answers: false)
        #expect(hungUp == [call.id])
        #expect(call.result?.outcome == .noAnswer)
        #expect(call.result?.endedAt == call.queuedAt.addingTimeInterval(30))
    }

    @Test func anAnsweredCallThatNeverEndsIsHungUpAtTheMaximumDuration() async throws {
        let (call, hungUp) = try await Self.run(answers: true)
        #expect(hungUp == [call.id])
        #expect(call.result?.outcome == .answered)
        #expect(call.result?.endedAt == call.queuedAt.addingTimeInterval(300))
        #expect(call.result?.connectedSeconds == 290)
    }
}
