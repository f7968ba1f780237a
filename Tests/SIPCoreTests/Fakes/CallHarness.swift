import SIPCore

/// Drives a UACCall with a manual clock, keeping what it sent and reported.
struct CallHarness {
    var call: UACCall
    var timers = ManualTimers<CallTimer>()
    var sent: [(at: Duration, message: SIPMessage)] = []
    var events: [CallEvent] = []

    init(_ configuration: CallConfiguration = CallHarness.configuration()) throws {
        call = try UACCall(configuration: configuration, identity: CallHarness.identity)
    }

    static let identity = CallIdentity(callID: "call-1@203.0.113.5", localTag: "ourtag", token: "tok", sessionID: 7)

    static func configuration(
        credentials: DigestCredentials? = nil, ringTimeout: Duration? = .seconds(30),
        assertedIdentity: String? = nil
    ) -> CallConfiguration {
        CallConfiguration(
            destination: "+15551230000", trunkHost: "trunk.example", callerID: "+15550001111", callerName: "Acme",
            assertedIdentity: assertedIdentity, publicAddress: "203.0.113.5", sipPort: 5060, rtpPort: 16000,
            credentials: credentials, ringTimeout: ringTimeout, timers: TransactionFixtures.shortTimers)
    }

    mutating func apply(_ actions: [CallAction]) {
        for action in actions {
            switch action {
            case .send(let message): sent.append((timers.now, message))
            case .startTimer(let timer, let after): timers.start(timer, after: after)
            case .cancelTimer(let timer): timers.cancel(timer)
            case .event(let event): events.append(event)
            }
        }
    }

    mutating func start() { apply(call.start()) }

    mutating func receive(_ response: SIPResponse) { apply(call.receive(.response(response))) }

    mutating func receive(_ request: SIPRequest) { apply(call.receive(.request(request))) }

    /// Fires timers in order until none is due before `limit`.
    mutating func run(until limit: Duration) {
        while let timer = timers.fireNext(upTo: limit) { apply(call.timerFired(timer)) }
    }

    /// Fires every timer until none is left.
    mutating func runToCompletion() {
        while let timer = timers.fireNext() { apply(call.timerFired(timer)) }
    }

    var requests: [SIPRequest] {
        sent.compactMap { if case .request(let request) = $0.message { request } else { nil } }
    }

    var responses: [SIPResponse] {
        sent.compactMap { if case .response(let response) = $0.message { response } else { nil } }
    }

    func requests(_ method: SIPMethod) -> [SIPRequest] { requests.filter { $0.method == method } }

    var lastInvite: SIPRequest { requests(.invite).last! }

    var ending: CallEnding? {
        for event in events { if case .ended(let ending) = event { return ending } }
        return nil
    }

    /// The messages sent, serialised and parsed again, as the peer would see them.
    func wire(_ request: SIPRequest) throws -> SIPRequest {
        guard case .request(let parsed) = try SIPParser().parse(request.bytes) else { throw NotARequest() }
        return parsed
    }

    struct NotARequest: Error {}
}
