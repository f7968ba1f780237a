import Testing

/// A carrier with session timers (RFC 4028) refreshes an answered call with a re-INVITE; a 488 would make it end the
/// call at the session's expiry, so the provider answers 200 with its session unchanged and the call goes on.
@Suite("Session refresh over the wire (SIPp re-INVITE)", .serialized, .timeLimit(.minutes(2)))
struct SessionRefreshTests {
    @Test("a re-INVITE during a bridged call gets 200 with our SDP; the agent finishes and our BYE ends the call")
    func reinviteKeepsTheCallUp() async throws {
        let run = try await AgentBridgeTests.run(scenario: "uas_answer_reinvite", hold: 500, listen: 2)
        #expect(run.sipp.status == 0, "SIPp got our 200 (with PCMU) to its re-INVITE and our BYE: \(run.sipp.printed)")
        #expect(run.result?.outcome == .answered && run.result?.disposition == "INTERESTED")
    }
}
