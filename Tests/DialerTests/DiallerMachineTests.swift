import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Testing

/// The dialler's call path on its own: no database, no provider, no clock but the instants passed in.
@Suite("The dialler state machine")
struct DiallerMachineTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_064_800)
    static let limits = CallLimits(ringTimeout: 30, maximumDuration: 600)

    static func attempt(_ callId: Int64, at queuedAt: Date = t0, leaseFor lease: TimeInterval = 720) -> LeasedAttempt {
        LeasedAttempt(
            callId: callId, orgId: 1, campaignId: 7, leadId: 100 + callId, attempt: 1, pass: 1, numberIndex: 0,
            to: "+1212555\(1000 + callId)", from: "+14155550100", contactTimezone: "America/New_York",
            queuedAt: queuedAt, leaseOwner: "w", leaseExpires: queuedAt.addingTimeInterval(lease))
    }

    static func event(_ callId: Int64, _ seconds: TimeInterval, _ kind: CallEvent.Kind) -> CallEvent {
        CallEvent(
            callId: callId, campaignId: 7, providerCallId: "p-\(callId)", at: t0.addingTimeInterval(seconds), kind: kind
        )
    }

    static func answered(ring: TimeInterval = 5, talk: TimeInterval = 40) -> CallResult {
        CallResult(
            startedAt: t0, answeredAt: t0.addingTimeInterval(ring), endedAt: t0.addingTimeInterval(ring + talk),
            outcome: .answered, answeredBy: .human, turns: 3, disposition: "INTERESTED")
    }

    /// A machine holding call 1, started by a provider that reports progress as it happens (no course).
    static func dialling(leaseFor lease: TimeInterval = 720) -> DiallerMachine {
        var machine = DiallerMachine(configuration: DiallerConfiguration(limits: limits, leaseDuration: lease))
        _ = machine.leased([attempt(1, leaseFor: lease)])
        _ = machine.started(callId: 1, StartedCall(providerCallId: "p-1"), now: t0)
        return machine
    }

    static func ended(_ actions: [DiallerAction]) -> [EndedCall] {
        actions.compactMap { if case .record(let call) = $0 { call } else { nil } }
    }

    @Test func leasedCallsArePlacedAndAStartWithoutCourseRecordsItsReference() {
        var machine = DiallerMachine(configuration: DiallerConfiguration(limits: Self.limits))
        let actions = machine.leased([Self.attempt(1), Self.attempt(2)])
        #expect(actions == [.place(Self.attempt(1)), .place(Self.attempt(2))])
        #expect(machine.liveCount == 2)
        #expect(
            machine.started(callId: 1, StartedCall(providerCallId: "p-1"), now: Self.t0)
                == [.recordProgress(CallProgress(callId: 1, state: .dialing, providerCallId: "p-1", at: Self.t0))])
        #expect(
            machine.started(callId: 2, StartedCall(providerCallId: "p-2", course: Self.answered()), now: Self.t0)
                .isEmpty, "a course within the limits costs no write before the end")
    }

    @Test func anEventForAnUnknownCallIdGoesToTheStoresFence() {
        var machine = Self.dialling()
        let actions = machine.received([Self.event(99, 30, .ended(Self.answered()))])
        #expect(Self.ended(actions).map(\.callId) == [99])
        #expect(machine.liveCount == 1, "the calls it holds are untouched")
        let progress = machine.received([Self.event(98, 3, .ringing)])
        #expect(
            progress == [
                .recordProgress(
                    CallProgress(callId: 98, state: .ringing, providerCallId: "p-98", at: Self.t0.addingTimeInterval(3))
                )
            ])
    }

    @Test func endedBeforeAnsweredEndsTheCallAndTheLateAnswerChangesNothing() {
        var machine = Self.dialling()
        let result = Self.answered()
        let first = machine.received([Self.event(1, 45, .ended(result))])
        #expect(Self.ended(first) == [EndedCall(callId: 1, result: result, providerCallId: "p-1")])
        #expect(machine.liveCount == 0)
        #expect(machine.received([Self.event(1, 5, .answered(by: .human)), Self.event(1, 1, .ringing)]).isEmpty)
    }

    @Test func aDuplicateEndedIsRecordedOnce() {
        var machine = Self.dialling()
        let end = Self.event(1, 45, .ended(Self.answered()))
        #expect(Self.ended(machine.received([end, end])).count == 1, "twice in one batch")
        #expect(machine.received([end]).isEmpty, "again later")
    }

    @Test func progressMovesOnlyForwardAndIsWrittenOncePerBatch() {
        var machine = Self.dialling()
        let actions = machine.received([
            Self.event(1, 5, .answered(by: .machine)), Self.event(1, 2, .ringing),
        ])
        #expect(
            actions == [
                .recordProgress(
                    CallProgress(
                        callId: 1, state: .answered, providerCallId: "p-1", at: Self.t0.addingTimeInterval(5),
                        answeredBy: .machine))
            ])
        #expect(machine.calls[1]?.state == .answered)
        #expect(machine.received([Self.event(1, 3, .ringing)]).isEmpty)
    }

    @Test func theRingTimeoutHangsUpAndAMissingEndIsRecordedAfterTheGrace() {
        var machine = Self.dialling()
        #expect(machine.nextTimer() == Self.t0.addingTimeInterval(30))
        #expect(machine.tick(now: Self.t0.addingTimeInterval(29)).isEmpty)
        let late = Self.t0.addingTimeInterval(30)
        #expect(machine.tick(now: late) == [.hangUp(Self.attempt(1), reason: .ringTimeout)])
        #expect(machine.tick(now: late.addingTimeInterval(1)).isEmpty, "asked once")
        #expect(machine.nextTimer() == late.addingTimeInterval(30))
        let forced = Self.ended(machine.tick(now: late.addingTimeInterval(30)))
        #expect(forced.map(\.result.outcome) == [.noAnswer])
        #expect(forced.first?.result.endedAt == late)
        #expect(machine.liveCount == 0)
    }

    @Test func theProvidersEndAfterAHangUpIsTheOneRecorded() {
        var machine = Self.dialling()
        _ = machine.tick(now: Self.t0.addingTimeInterval(30))
        let cancelled = CallResult(
            startedAt: Self.t0, answeredAt: nil, endedAt: Self.t0.addingTimeInterval(31), outcome: .noAnswer)
        #expect(Self.ended(machine.received([Self.event(1, 31, .ended(cancelled))])).map(\.result) == [cancelled])
        #expect(machine.tick(now: Self.t0.addingTimeInterval(90)).isEmpty, "no forced end after a reported one")
    }

    @Test func theMaximumDurationHangsUpAnAnsweredCall() {
        var machine = Self.dialling()
        _ = machine.received([Self.event(1, 4, .answered(by: .human))])
        #expect(
            machine.tick(now: Self.t0.addingTimeInterval(40)).isEmpty, "answered: the ring timeout no longer applies")
        #expect(machine.nextTimer() == Self.t0.addingTimeInterval(600))
        let hangUp = machine.tick(now: Self.t0.addingTimeInterval(600))
        #expect(hangUp == [.hangUp(Self.attempt(1), reason: .maximumDuration)])
        let forced = Self.ended(machine.tick(now: Self.t0.addingTimeInterval(630)))
        #expect(forced.first?.result.outcome == .answered)
        #expect(forced.first?.result.connectedSeconds == 596)
    }

    @Test func aCourseBeyondTheLimitsIsWatchedLikeAnyOther() {
        var machine = DiallerMachine(configuration: DiallerConfiguration(limits: Self.limits))
        _ = machine.leased([Self.attempt(1)])
        _ = machine.started(
            callId: 1, StartedCall(providerCallId: "p-1", course: Self.answered(ring: 45)), now: Self.t0)
        #expect(machine.tick(now: Self.t0.addingTimeInterval(30)) == [.hangUp(Self.attempt(1), reason: .ringTimeout)])
    }

    @Test func aLeaseIsRenewedBeforeItLapsesAndALostOneIsLetGo() {
        var machine = Self.dialling(leaseFor: 90)
        _ = machine.received([Self.event(1, 4, .answered(by: .human))])
        #expect(machine.nextTimer() == Self.t0.addingTimeInterval(60), "a third of the lease before it lapses")
        #expect(machine.tick(now: Self.t0.addingTimeInterval(59)).isEmpty)
        let until = Self.t0.addingTimeInterval(150)
        #expect(machine.tick(now: Self.t0.addingTimeInterval(60)) == [.renew(callIds: [1], until: until)])
        machine.renewed([1], requested: [1], until: until)
        #expect(machine.nextTimer() == Self.t0.addingTimeInterval(120))
        machine.renewed([], requested: [1], until: until.addingTimeInterval(90))
        #expect(machine.liveCount == 0, "taken over or ended elsewhere: the new holder records it")
    }

    @Test func reconciliationTellsEndedLiveAndUnknownApart() {
        var machine = DiallerMachine(configuration: DiallerConfiguration(limits: Self.limits, unknownGrace: 30))
        let now = Self.t0.addingTimeInterval(100)
        let result = Self.answered()
        #expect(
            Self.ended(machine.adopted(Self.attempt(1), status: .ended(result), unknownSince: now, now: now))
                == [EndedCall(callId: 1, result: result)])
        #expect(
            machine.adopted(Self.attempt(2), status: .live(.answered, course: nil), unknownSince: now, now: now).isEmpty
        )
        #expect(machine.adopted(Self.attempt(3), status: .unknown, unknownSince: now, now: now).isEmpty)
        #expect(machine.liveCount == 2)
        let interrupted = Self.ended(machine.tick(now: now.addingTimeInterval(30)))
        #expect(interrupted.map(\.callId) == [3])
        #expect(interrupted.first?.result.outcome == .interrupted)
        #expect(machine.calls[2]?.state == .answered, "a live call is followed, not interrupted")
        let long = Self.ended(
            machine.adopted(Self.attempt(4), status: .unknown, unknownSince: Self.t0, now: now))
        #expect(long.map(\.result.outcome) == [.interrupted], "unknown for longer than the grace already")
    }

    @Test func anUnknownCallThatReportsInWithinTheGraceIsRecordedAsReported() {
        var machine = DiallerMachine(configuration: DiallerConfiguration(limits: Self.limits))
        _ = machine.adopted(Self.attempt(1), status: .unknown, unknownSince: Self.t0, now: Self.t0)
        let result = Self.answered()
        #expect(Self.ended(machine.received([Self.event(1, 20, .ended(result))])).map(\.result) == [result])
        #expect(machine.tick(now: Self.t0.addingTimeInterval(60)).isEmpty)
    }

    @Test func theCampaignStepStopsOnlyWithNothingHeld() {
        var machine = DiallerMachine(configuration: DiallerConfiguration(limits: Self.limits))
        #expect(machine.step(status: .paused, startAt: nil, now: Self.t0) == .stop(.paused))
        _ = machine.leased([Self.attempt(1)])
        #expect(machine.step(status: .paused, startAt: nil, now: Self.t0) == .hold(until: nil))
        #expect(machine.step(status: .cancelled, startAt: nil, now: Self.t0) == .hold(until: nil))
        let later = Self.t0.addingTimeInterval(60)
        #expect(machine.step(status: .scheduled, startAt: later, now: Self.t0) == .hold(until: later))
        #expect(machine.step(status: .scheduled, startAt: later, now: later) == .reachSchedule)
        #expect(machine.step(status: .running, startAt: nil, now: Self.t0) == .dispatch)
        #expect(machine.leaseLimit(outboundSlots: 5, liveAnywhere: 3, anyKeyOpen: true) == 2)
        #expect(machine.leaseLimit(outboundSlots: 5, liveAnywhere: 3, anyKeyOpen: false) == 0)
        #expect(machine.leaseLimit(outboundSlots: 2, liveAnywhere: 3, anyKeyOpen: true) == 0)
        #expect(machine.othersHoldCalls(liveAnywhere: 2) && !machine.othersHoldCalls(liveAnywhere: 1))
    }

    @Test func aStoppedCampaignCancelsItsUnansweredCallsOnceAndLeavesAnsweredOnesAlone() {
        var machine = DiallerMachine(configuration: DiallerConfiguration(limits: Self.limits))
        _ = machine.leased([Self.attempt(1), Self.attempt(2), Self.attempt(3)])
        for id: Int64 in 1...3 { _ = machine.started(callId: id, StartedCall(providerCallId: "p-\(id)"), now: Self.t0) }
        _ = machine.received([
            Self.event(1, 2, .ringing), Self.event(2, 2, .ringing), Self.event(2, 6, .answered(by: .human)),
        ])
        #expect(
            machine.campaignStopped() == [
                .hangUp(Self.attempt(1), reason: .campaignStopped), .hangUp(Self.attempt(3), reason: .campaignStopped),
            ], "the ringing call and the one still dialling; not the answered one")
        #expect(machine.campaignStopped().isEmpty, "asked once")
        #expect(machine.liveCount == 3, "nothing is forced to end: the provider reports the ends")
        let late = machine.tick(now: Self.t0.addingTimeInterval(31))
        #expect(late.contains(.hangUp(Self.attempt(1), reason: .ringTimeout)), "the ring timeout still backs it up")
    }
}
