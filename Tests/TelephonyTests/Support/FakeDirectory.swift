import CampaignCore
import Dialer
import Foundation
import Hummingbird
import Logging
import Synchronization
import Telephony

/// Our own seam played by the test: the application's answers to the `sip` provider (one trunk for every call, an
/// optional agent plan, a plan that throws), and the agent's results as the provider reads them.
final class FakeDirectory: SIPCallDirectory {
    struct NoCarrier: Error {}

    let trunk: SIPTrunk
    let agent: AgentStreamPlan?
    let failsPlans: Bool
    private let results = Mutex<[Int64: AgentCallResult]>([:])
    private let posted = Mutex<[Int64: [String: String]]>([:])
    private let asked = Atomic<Int>(0)

    init(trunk: SIPTrunk, agent: AgentStreamPlan? = nil, failsPlans: Bool = false) {
        self.trunk = trunk
        self.agent = agent
        self.failsPlans = failsPlans
    }

    func plan(for request: DialRequest) async throws -> SIPCallPlan {
        if failsPlans { throw NoCarrier() }
        return SIPCallPlan(trunk: trunk, agent: agent)
    }

    func agentResult(callId: Int64) async throws -> AgentCallResult? {
        asked.add(1, ordering: .relaxed)
        return results.withLock { $0[callId] }
    }

    /// How many times the provider asked for a result.
    var resultQueries: Int { asked.load(ordering: .relaxed) }

    /// Records a result as the API would.
    func record(_ result: AgentCallResult, callId: Int64) { results.withLock { $0[callId] = result } }

    /// The body an agent posted for a call (string fields only), if any.
    func postedBody(callId: Int64) -> [String: String]? { posted.withLock { $0[callId] } }

    /// Serves `POST /v1/calls/{callId}/result` on 127.0.0.1 as the API would (the bearer must be `token`), recording
    /// what is posted; returns the base URL and the task to cancel.
    func serveResults(token: String) async throws -> (url: String, task: Task<Void, any Error>) {
        let router = Router()
        router.post("/v1/calls/:callId/result") { request, context -> HTTPResponse.Status in
            guard let callId = context.parameters.get("callId", as: Int64.self) else { return .notFound }
            guard request.headers[.authorization] == "Bearer \(token)" else { return .unauthorized }
            let body = try await request.body.collect(upTo: 1 << 20)
            guard let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
            else {
                return .badRequest
            }
            var strings: [String: String] = [:]
            for (key, value) in object { strings[key] = "\(value)" }
            self.posted.withLock { $0[callId] = strings }
            self.record(
                AgentCallResult(
                    disposition: object["disposition"] as? String, turns: object["turns"] as? Int ?? 0,
                    callbackAt: nil),
                callId: callId)
            return .noContent
        }
        let (ports, listening) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test.results")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in listening.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return ("http://127.0.0.1:\(port)", task)
    }
}
