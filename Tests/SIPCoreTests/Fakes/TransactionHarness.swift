import SIPCore

/// Runs a client transaction against a manual clock and records when each request went out.
struct TransactionHarness {
    var timers = ManualTimers<TransactionTimer>()
    var sent: [(at: Duration, request: SIPRequest)] = []
    var delivered: [SIPResponse] = []
    var ended: TransactionEnd?
    var endedAt: Duration?

    mutating func apply(_ actions: [TransactionAction]) {
        for action in actions {
            switch action {
            case .send(let request): sent.append((timers.now, request))
            case .startTimer(let timer, let after): timers.start(timer, after: after)
            case .cancelTimer(let timer): timers.cancel(timer)
            case .deliver(let response): delivered.append(response)
            case .terminated(let end):
                ended = end
                endedAt = timers.now
            }
        }
    }

    var sendTimes: [Duration] { sent.map(\.at) }
}

/// Requests and responses for transaction tests.
enum TransactionFixtures {
    static let shortTimers = TimerTable(
        t1: .milliseconds(50), t2: .milliseconds(400), t4: .milliseconds(500), timerD: .seconds(32))

    static func request(_ method: SIPMethod, cseq: UInt32 = 1) -> SIPRequest {
        var headers = SIPHeaders()
        headers.add("Via", "SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bKtest.1;rport")
        headers.add("Max-Forwards", "70")
        headers.add("Route", "<sip:edge.carrier.example;lr>")
        headers.add("From", "<sip:+15550001111@203.0.113.5>;tag=ours")
        headers.add("To", "<sip:+15551230000@trunk.example>")
        headers.add("Call-ID", "c1@203.0.113.5")
        headers.add("CSeq", "\(cseq) \(method.rawValue)")
        headers.add("Proxy-Authorization", "Digest username=\"u\"")
        return SIPRequest(
            method: method, uri: SIPURI(user: "+15551230000", host: "trunk.example"), headers: headers)
    }

    static func response(_ code: Int, to request: SIPRequest) -> SIPResponse {
        FakeTrunk.response(to: request, code, "Reason")
    }
}
