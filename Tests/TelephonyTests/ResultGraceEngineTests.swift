import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Telephony
import Testing

/// While a `sip` call waits for its agent's result after it ended, the engine still holds it live: its limits must
/// not make the engine hang it up or record a forced end, and its lease must keep being renewed.
@Suite("The result grace and the engine's limits")
struct ResultGraceEngineTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_064_800)

    @Test(
        "a call cut at the longest duration, whose BYE takes all of Timer F and whose result takes the longest grace, is never forced by the engine, and its lease is renewed",
        arguments: [
            SIPEndpoint(bindHost: "127.0.0.1", bindPort: 0),
            SIPEndpoint(bindHost: "127.0.0.1", bindPort: 0, maximumCallDuration: 60, maximumResultGrace: 30),
        ])
    func graceNeverForcesTheEnd(endpoint: SIPEndpoint) {
        let limits = SIPCallProvider.engineLimits(for: endpoint)
        let configuration = DiallerConfiguration(limits: limits)
        var machine = DiallerMachine(configuration: configuration)
        let attempt = LeasedAttempt(
            callId: 1, orgId: 1, campaignId: 7, leadId: 100, attempt: 1, pass: 1, numberIndex: 0, to: "+12125551000",
            from: "+14155550100", contactTimezone: "America/New_York", queuedAt: Self.t0, leaseOwner: "w",
            leaseExpires: Self.t0.addingTimeInterval(configuration.leaseDuration))
        _ = machine.leased([attempt])
        _ = machine.started(callId: 1, StartedCall(providerCallId: "p-1"), now: Self.t0)
        let answeredAt = Self.t0.addingTimeInterval(endpoint.maximumRingTimeout - 1)
        _ = machine.received([
            CallEvent(callId: 1, campaignId: 7, providerCallId: "p-1", at: answeredAt, kind: .answered(by: .unknown))
        ])
        // The provider cuts the call at its maximum duration, its BYE may take Timer F (32 s), then it waits the
        // longest grace plus one poll before reporting the end.
        let endedAt = Self.t0.addingTimeInterval(endpoint.maximumCallDuration + 32)
        let reportedAt = endedAt.addingTimeInterval(endpoint.maximumResultGrace + 0.2)
        var leaseExpires = attempt.leaseExpires
        var now = Self.t0
        while now < reportedAt {
            now = min(reportedAt, now.addingTimeInterval(5))
            for action in machine.tick(now: now) {
                switch action {
                case .hangUp(_, let reason):
                    Issue.record("the engine hung up (\(reason)) at +\(now.timeIntervalSince(Self.t0)) s")
                case .record: Issue.record("the engine recorded a forced end at +\(now.timeIntervalSince(Self.t0)) s")
                case .renew(let callIds, let until):
                    machine.renewed(Set(callIds), requested: callIds, until: until)
                    leaseExpires = until
                default: break
                }
            }
            #expect(leaseExpires > now, "the lease lapsed at +\(now.timeIntervalSince(Self.t0)) s")
        }
        let result = CallResult(
            startedAt: Self.t0, answeredAt: answeredAt, endedAt: endedAt, outcome: .answered, answeredBy: .unknown,
            turns: 2, disposition: "INTERESTED")
        let recorded = machine.received([
            CallEvent(callId: 1, campaignId: 7, providerCallId: "p-1", at: reportedAt, kind: .ended(result))
        ]).compactMap { if case .record(let call) = $0 { call.result } else { nil } }
        #expect(recorded == [result], "the provider's end, with the agent's disposition, is the one recorded")
    }
}
