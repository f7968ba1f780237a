import CampaignCore
import Foundation
import Testing

private let now = Date(timeIntervalSince1970: 1_773_064_800)

private func context(
    startAt: Date? = nil, mode: CampaignMode = .multiDay, hasAgent: Bool = true, outboundNumbers: Int = 2,
    contacts: Int = 10
) -> LifecycleContext {
    LifecycleContext(
        startAt: startAt, mode: mode, hasAgent: hasAgent, outboundNumbers: outboundNumbers, contacts: contacts)
}

/// SPEC §4, written out by hand: every legal (status, action) pair and where it leads. Anything absent is illegal.
private let legal: [CampaignStatus: [LifecycleAction: CampaignStatus]] = [
    .draft: [.start: .running, .cancel: .cancelled],
    .scheduled: [.scheduleReached: .running, .cancel: .cancelled],
    .running: [.pause: .paused, .cancel: .cancelled, .complete: .completed],
    .paused: [.resume: .running, .cancel: .cancelled, .restart: .running],
    .completed: [.restart: .running],
    .cancelled: [.restart: .running],
]

@Suite struct LifecycleTests {
    @Test func theTableCoversEveryStatusAndAction() {
        #expect(CampaignStatus.allCases.count == 6, "a new status needs a row in the expected table")
        #expect(LifecycleAction.allCases.count == 7, "a new action needs entries in the expected table")
        #expect(Set(legal.keys) == Set(CampaignStatus.allCases))
    }

    @Test(arguments: CampaignStatus.allCases, LifecycleAction.allCases)
    func everyStatusActionPair(_ status: CampaignStatus, _ action: LifecycleAction) {
        let result = Lifecycle.transition(from: status, action: action, context: context(), now: now)
        switch (result, legal[status]?[action]) {
        case (.success(let transition), let expected?):
            #expect(transition.to == expected)
            #expect(transition.resetsLeads == (action == .restart))
            #expect(transition.marksFirstRun == (expected == .running))
        case (.success(let transition), nil):
            Issue.record("\(action.rawValue) from \(status.rawValue) should be refused, went to \(transition.to)")
        case (.failure(let error), let expected?):
            Issue.record("\(action.rawValue) from \(status.rawValue) should go to \(expected), refused: \(error)")
        case (.failure(let error), nil):
            #expect(error.from == status)
            #expect(error.action == action)
            #expect(!error.reason.isEmpty)
            #expect(error.description.hasPrefix("cannot \(action.rawValue) a \(status.rawValue) campaign: "))
        }
    }

    @Test func cancelIsLegalFromEveryNonFinalStateOnly() {
        for status in CampaignStatus.allCases {
            let result = Lifecycle.transition(from: status, action: .cancel, context: context(), now: now)
            #expect((try? result.get().to) == (status.isFinal ? nil : .cancelled), "\(status)")
        }
        #expect(CampaignStatus.allCases.filter(\.isFinal) == [.completed, .cancelled])
    }

    @Test func editingIsAllowedInDraftAndPausedOnly() {
        #expect(CampaignStatus.allCases.filter(\.allowsEditing) == [.draft, .paused])
    }

    @Test(arguments: [CampaignMode.singleDay, .multiDay, .alwaysOn])
    func startNeedsAnAgent(_ mode: CampaignMode) {
        let result = Lifecycle.transition(
            from: .draft, action: .start, context: context(mode: mode, hasAgent: false), now: now)
        guard case .failure(let error) = result else {
            Issue.record("started without an agent")
            return
        }
        #expect(error.reason.contains("agent"))
        #expect(Lifecycle.missingForStart(context(mode: mode, hasAgent: false)) != nil)
    }

    @Test(arguments: [CampaignMode.singleDay, .multiDay, .alwaysOn])
    func startNeedsAnOutboundNumber(_ mode: CampaignMode) {
        let result = Lifecycle.transition(
            from: .draft, action: .start, context: context(mode: mode, outboundNumbers: 0), now: now)
        guard case .failure(let error) = result else {
            Issue.record("started without an outbound number")
            return
        }
        #expect(error.reason.contains("number"))
    }

    @Test(arguments: [CampaignMode.singleDay, .multiDay])
    func startNeedsContactsUnlessAlwaysOn(_ mode: CampaignMode) {
        let empty = context(mode: mode, contacts: 0)
        guard case .failure(let error) = Lifecycle.transition(from: .draft, action: .start, context: empty, now: now)
        else {
            Issue.record("a \(mode) campaign started without contacts")
            return
        }
        #expect(error.reason.contains("contact"))
        let alwaysOn = Lifecycle.transition(
            from: .draft, action: .start, context: context(mode: .alwaysOn, contacts: 0), now: now)
        #expect((try? alwaysOn.get().to) == .running)
    }

    @Test func missingForStartIsNilWhenEverythingIsThere() {
        #expect(Lifecycle.missingForStart(context()) == nil)
        #expect(Lifecycle.missingForStart(context(mode: .alwaysOn, contacts: 0)) == nil)
        #expect(Lifecycle.missingForStart(context(outboundNumbers: 1, contacts: 1)) == nil)
    }

    @Test func startWaitsWhenStartAtIsAhead() throws {
        let ahead = context(startAt: now.addingTimeInterval(60))
        let scheduled = try Lifecycle.transition(from: .draft, action: .start, context: ahead, now: now).get()
        #expect(scheduled.to == .scheduled)
        #expect(!scheduled.marksFirstRun)
        #expect(!scheduled.resetsLeads)

        let reached = try Lifecycle.transition(from: .scheduled, action: .scheduleReached, context: ahead, now: now)
            .get()
        #expect(reached.to == .running)
        #expect(reached.marksFirstRun)
    }

    @Test(arguments: [0, -1, -86_400] as [TimeInterval])
    func startRunsAtOnceWhenStartAtIsNowOrPast(_ offset: TimeInterval) throws {
        let transition = try Lifecycle.transition(
            from: .draft, action: .start, context: context(startAt: now.addingTimeInterval(offset)), now: now
        ).get()
        #expect(transition.to == .running)
        #expect(transition.marksFirstRun)
    }

    @Test func aScheduledStartStillChecksThePreconditions() {
        let result = Lifecycle.transition(
            from: .draft, action: .start, context: context(startAt: now.addingTimeInterval(3600), contacts: 0),
            now: now)
        #expect((try? result.get()) == nil)
    }

    @Test(arguments: [CampaignStatus.paused, .completed, .cancelled])
    func restartResetsLeadsAndRuns(_ status: CampaignStatus) throws {
        let transition = try Lifecycle.transition(from: status, action: .restart, context: context(), now: now).get()
        #expect(transition.to == .running)
        #expect(transition.resetsLeads)
        #expect(transition.marksFirstRun)
    }

    @Test func restartAndResumeCheckThePreconditionsToo() {
        let noAgent = context(hasAgent: false)
        #expect(
            (try? Lifecycle.transition(from: .completed, action: .restart, context: noAgent, now: now).get()) == nil)
        #expect((try? Lifecycle.transition(from: .paused, action: .resume, context: noAgent, now: now).get()) == nil)
        let noNumbers = context(outboundNumbers: 0)
        #expect((try? Lifecycle.transition(from: .paused, action: .resume, context: noNumbers, now: now).get()) == nil)
    }

    @Test func onlyRestartResetsLeads() {
        for status in CampaignStatus.allCases {
            for action in LifecycleAction.allCases where action != .restart {
                let result = Lifecycle.transition(from: status, action: action, context: context(), now: now)
                #expect((try? result.get().resetsLeads) != true, "\(action) from \(status)")
            }
        }
    }

    @Test func startingFromPausedSaysToResume() {
        guard
            case .failure(let error) = Lifecycle.transition(from: .paused, action: .start, context: context(), now: now)
        else {
            Issue.record("start from paused was accepted")
            return
        }
        #expect(error.reason.contains("resume"))
    }

    @Test func alwaysOnNeverCompletesByItself() throws {
        let alwaysOn = context(mode: .alwaysOn, contacts: 0)
        guard
            case .failure(let error) = Lifecycle.transition(
                from: .running, action: .complete, context: alwaysOn, now: now)
        else {
            Issue.record("an always-on campaign completed")
            return
        }
        #expect(error.reason.contains("always-on"))
        #expect(
            try Lifecycle.transition(from: .running, action: .cancel, context: alwaysOn, now: now).get().to
                == .cancelled)
        #expect(
            try Lifecycle.transition(from: .running, action: .pause, context: alwaysOn, now: now).get().to == .paused)
    }

    @Test(arguments: [CampaignMode.singleDay, .multiDay])
    func otherModesComplete(_ mode: CampaignMode) throws {
        let transition = try Lifecycle.transition(
            from: .running, action: .complete, context: context(mode: mode), now: now
        ).get()
        #expect(transition.to == .completed)
        #expect(!transition.marksFirstRun && !transition.resetsLeads)
    }

    @Test func aFullJourney() throws {
        var status = CampaignStatus.draft
        let steps: [(LifecycleAction, CampaignStatus)] = [
            (.start, .scheduled), (.scheduleReached, .running), (.pause, .paused), (.resume, .running),
            (.complete, .completed), (.restart, .running), (.cancel, .cancelled), (.restart, .running),
        ]
        let ctx = context(startAt: now.addingTimeInterval(600))
        for (action, expected) in steps {
            status = try Lifecycle.transition(from: status, action: action, context: ctx, now: now).get().to
            #expect(status == expected, "after \(action.rawValue)")
        }
    }
}
