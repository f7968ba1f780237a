import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Synchronization
import TestSupport
import Testing

/// The call path with a provider whose events do not come as they happened, on a real SQLite file.
@Suite("Calls as events")
struct CallEventPathTests {
    static let generous = CallLimits(ringTimeout: 3600, maximumDuration: 3600)

    /// Every call has one result, every lead is settled, attempts run 1…n per contact.
    static func expectEachCallEndedOnce(
        _ store: SQLCampaignStore, campaignId: Int64, settings: CampaignSettings
    )
        async throws
    {
        let calls = try await store.calls(campaignId: campaignId)
        #expect(!calls.isEmpty && calls.allSatisfy { $0.result != nil })
        #expect(try await store.liveCallCount(campaignId: campaignId) == 0)
        let counts = try await store.leadCounts(campaignId: campaignId)
        #expect(counts.inProgress == 0 && counts.finished == counts.total)
        for (_, attempts) in Dictionary(grouping: calls, by: \.leadId) {
            #expect(attempts.map(\.attempt).sorted() == Array(1...attempts.count))
        }
        for call in calls { #expect(try await store.callState(callId: call.id) == .ended) }
        #expect(CallLogChecker(settings: settings, callbackAllowance: 3).violations(in: calls) == [])
    }

    /// Each call's end 7 s late, its answer and ringing after it, its end again 40 s late; an early ringing for even
    /// calls.
    @Sendable static func lateTwiceAndShuffled(
        _ request: DialRequest, _ course: CallResult
    ) -> [(at: Date, kind: CallEvent.Kind)] {
        let end = course.endedAt
        var plan: [(at: Date, kind: CallEvent.Kind)] = [
            (end.addingTimeInterval(7), .ended(course)),
            (end.addingTimeInterval(9), .answered(by: .human)),
            (end.addingTimeInterval(11), .ringing),
            (end.addingTimeInterval(40), .ended(course)),
        ]
        if request.callId % 2 == 0 { plan.insert((end.addingTimeInterval(2), .ringing), at: 0) }
        return plan
    }

    @Test func eventsThatComeLateTwiceAndOutOfOrderEndEachCallOnce() async throws {
        try await Harness.withStore { store, path in
            let settings = Harness.settings { $0.retry.maxAttempts = 3 }
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(12), at: Harness.friday)
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let otherNode = try await SQLCampaignStore.openSQLite(path: path)
            let elsewhere = OtherNode(store: otherNode)
            let simulator = SimulatorProvider(model: settings.simulator, seed: 9)
            let provider = EventSourceProvider(
                limits: Self.generous, course: { simulator.outcome(for: $0) }, deliveries: Self.lateTwiceAndShuffled,
                onDeliver: { events, now in await elsewhere.receive(events, now: now) })
            let stop = try await CampaignRunner(
                store: store, campaignId: id, provider: provider, clock: VirtualClock(start: Harness.friday),
                workerId: "worker-1", compliance: Harness.permissive
            ).run(until: Harness.friday.addingTimeInterval(10 * 86_400))
            #expect(stop == .completed)
            try await Self.expectEachCallEndedOnce(store, campaignId: id, settings: settings)
            let calls = try await store.calls(campaignId: id)
            let even = calls.filter { $0.id % 2 == 0 }
            let landed = elsewhere.landed.value
            #expect(
                even.allSatisfy { landed[$0.id] == 1 } && landed.count == even.count,
                "the other node recorded the first end of every even call, and only the first")
            #expect(provider.hungUp.withLock { $0.isEmpty })
            #expect(provider.started.withLock { $0.count } == calls.count, "no call dialled twice")
            try await otherNode.close()
        }
    }

    @Test func aLeaseIsRenewedThroughACallLongerThanTheLease() async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings()
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(1), at: Harness.friday)
            _ = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let clock = VirtualClock(start: Harness.friday)
            let reaper = LeaseReaperService(
                store: store, provider: ForgetfulProvider(inner: SimulatorProvider(model: settings.simulator, seed: 1)),
                clock: clock, workerId: "reaper")
            let reaped = SharedValue(0)
            let looks = SharedValue(0)
            let provider = EventSourceProvider(
                limits: CallLimits(ringTimeout: 30, maximumDuration: 900),
                course: { request in
                    CallResult(
                        startedAt: request.queuedAt, answeredAt: request.queuedAt.addingTimeInterval(4),
                        endedAt: request.queuedAt.addingTimeInterval(300), outcome: .answered, answeredBy: .human,
                        turns: 12, disposition: "INTERESTED")
                },
                deliveries: { request, course in
                    [
                        (request.queuedAt.addingTimeInterval(1), .ringing),
                        (request.queuedAt.addingTimeInterval(4), .answered(by: .human)),
                        (course.endedAt, .ended(course)),
                    ]
                },
                onDeliver: { _, _ in
                    // Another node's reaper looks each time this runner wakes for an event.
                    let count = (try? await reaper.reapOnce()) ?? 0
                    reaped.update { $0 += count }
                    looks.update { $0 += 1 }
                })
            let stop = try await CampaignRunner(
                store: store, campaignId: id, provider: provider, clock: clock, workerId: "worker-1",
                compliance: Harness.permissive, leaseDuration: 60
            ).run(until: Harness.friday.addingTimeInterval(86_400))
            #expect(stop == .completed)
            #expect(looks.value == 3)
            #expect(reaped.value == 0, "the lease never lapsed: nobody reaped the call")
            let call = try #require(try await store.calls(campaignId: id).first)
            #expect(call.result?.outcome == .answered && call.result?.durationSeconds == 300)
            #expect(provider.hungUp.withLock { $0.isEmpty })
            try await Self.expectEachCallEndedOnce(store, campaignId: id, settings: settings)
        }
    }

    @Test func aReconciledCallIsRecordedEndedFollowedWhileLiveOrInterruptedAfterTheGrace() async throws {
        try await Harness.withStore { store, _ in
            let settings = Harness.settings { $0.retry.maxAttempts = 1 }
            let id = try await Harness.campaign(
                in: store, settings: settings, leads: Harness.leads(3), at: Harness.friday)
            let campaign = try await store.apply(.start, campaignId: id, now: Harness.friday)
            let dead = try await store.lease(
                LeaseRequest(
                    campaign: campaign, owner: "dead-node", now: Harness.friday, limit: 3, openZoneKeys: nil,
                    leaseDuration: 600)
            ).attempts
            #expect(dead.count == 3)
            let lapse = Harness.friday.addingTimeInterval(600)
            @Sendable func course(_ request: DialRequest, endingAfter seconds: TimeInterval) -> CallResult {
                CallResult(
                    startedAt: request.queuedAt, answeredAt: request.queuedAt.addingTimeInterval(5),
                    endedAt: request.queuedAt.addingTimeInterval(seconds), outcome: .answered, answeredBy: .human,
                    turns: 4, disposition: "NOT_INTERESTED")
            }
            let ids = dead.map(\.callId)
            let provider = EventSourceProvider(
                limits: CallLimits(ringTimeout: 30, maximumDuration: 3600),
                course: { course($0, endingAfter: 40) },
                deliveries: { _, course in [(course.endedAt, .ended(course))] },
                status: { request, _ in
                    switch request.callId {
                    case ids[0]: (.ended(course(request, endingAfter: 120)), nil)
                    case ids[1]: (.live(.answered, course: nil), course(request, endingAfter: 900))
                    default: (.unknown, nil)
                    }
                })
            let clock = VirtualClock(start: Harness.friday)
            _ = try await CampaignRunner(
                store: store, campaignId: id, provider: provider, clock: clock, workerId: "worker-2",
                compliance: Harness.permissive
            ).run(until: Harness.friday.addingTimeInterval(86_400))
            let calls = Dictionary(uniqueKeysWithValues: try await store.calls(campaignId: id).map { ($0.id, $0) })
            #expect(calls[ids[0]]?.result?.durationSeconds == 120, "ended: recorded as the provider says")
            #expect(calls[ids[1]]?.result?.durationSeconds == 900, "still live: followed until its end")
            #expect(calls[ids[1]]?.result?.outcome == .answered)
            let unknown = try #require(calls[ids[2]]?.result)
            #expect(unknown.outcome == .interrupted)
            #expect(unknown.endedAt >= lapse.addingTimeInterval(30), "interrupted only after the grace")
            #expect(provider.started.withLock { $0.isEmpty }, "nothing dialled again")
        }
    }
}

/// Another node on the same database: a carrier's callbacks for even calls land there first.
final class OtherNode: Sendable {
    let store: SQLCampaignStore
    /// How many ends landed here, per call.
    let landed = SharedValue<[Int64: Int]>([:])

    init(store: SQLCampaignStore) { self.store = store }

    func receive(_ events: [CallEvent], now: Date) async {
        var ends: [EndedCall] = []
        for event in events where event.callId % 2 == 0 {
            if case .ended(let result) = event.kind {
                ends.append(EndedCall(callId: event.callId, result: result, providerCallId: event.providerCallId))
            }
        }
        guard !ends.isEmpty else { return }
        do {
            let recorded = try await store.recordEnded(ends, now: now)
            landed.update { counts in
                for (callId, outcome) in recorded where outcome != .alreadyEnded { counts[callId, default: 0] += 1 }
            }
        } catch {
            Issue.record("the other node could not record: \(error)")
        }
    }
}
