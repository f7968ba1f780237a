import Foundation
import TestSupport

/// The set-up of the end-to-end SIP tests: a database with an organisation and its API key, a compliance file that
/// allows every hour of every day (no test depends on the time of day), and `outbound serve --sip-bind` on them.
struct SIPServeFixture {
    let db: String
    let key: String
    let server: ServeProcess

    static let anytime: String = """
        {"version": 1, "rules": [{"id": "anytime", "source": "tests", "jurisdiction": "default",
          "hours": {"mon": ["00:00", "24:00"], "tue": ["00:00", "24:00"], "wed": ["00:00", "24:00"],
                    "thu": ["00:00", "24:00"], "fri": ["00:00", "24:00"], "sat": ["00:00", "24:00"],
                    "sun": ["00:00", "24:00"]}}]}
        """

    /// Creates the organisation in `folder` and starts the server, its RTP ports taken from `rtpPorts`.
    static func start(in folder: URL, rtpPorts: String) async throws -> SIPServeFixture {
        let db = folder.appendingPathComponent("e2e.sqlite").path
        let created = try CLI.run(
            ["org", "create", "--db", db, "--name", "e2e", "--admin", "ops@e2e.test", "--json"], in: folder)
        guard created.status == 0,
            let organization = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any],
            let key = organization["apiKey"] as? String
        else { throw CLI.Failure("org create failed: \(created.stderr)") }
        let rules = folder.appendingPathComponent("anytime.json")
        try anytime.write(to: rules, atomically: true, encoding: .utf8)
        let server = try await ServeProcess.start(
            [
                "--db", db, "--compliance-rules", rules.path, "--sip-bind", "127.0.0.1:\(try FreePort.udp())",
                "--rtp-ports", rtpPorts,
            ], in: folder)
        return SIPServeFixture(db: db, key: key, server: server)
    }

    /// An agent whose stream is `streamURL`; its id.
    func agent(name: String, streamURL: String, greeting: String = "") async throws -> Int {
        try await server.object(
            "POST", "/v1/agents", key: key, json: ["name": name, "streamUrl": streamURL, "greeting": greeting],
            expected: 201)["id"] as? Int ?? 0
    }

    /// A sip carrier whose trunk is 127.0.0.1:`trunkPort` (with the `carrier` fields beside), its number `number`,
    /// and a campaign of agent `agentId` calling from that number every hour of every day, filled with `contacts`
    /// (a CSV) and started; the campaign's id.
    func startedCampaign(
        name: String, trunkPort: Int, carrier: [String: Any], number: String, agentId: Int, contacts: String,
        retry: [String: Any]
    ) async throws -> Int {
        let carrierId =
            try await server.object(
                "POST", "/v1/carriers", key: key,
                json: carrier.merging(["name": name, "kind": "sip", "address": "127.0.0.1:\(trunkPort)"]) { $1 },
                expected: 201)["id"] as? Int ?? 0
        _ = try await server.object(
            "POST", "/v1/numbers", key: key, json: ["e164": number, "carrierId": carrierId], expected: 201)
        let settings: [String: Any] = [
            "name": name, "agentId": agentId, "numberPool": [number], "concurrency": 2,
            "window": [
                "start": "00:00", "end": "24:00", "timezone": "recipient",
                "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            ],
            "retry": retry,
        ]
        let id =
            try await server.object("POST", "/v1/campaigns", key: key, json: settings, expected: 201)["id"] as? Int ?? 0
        _ = try await server.object(
            "PUT", "/v1/campaigns/\(id)/contacts", key: key, body: Data(contacts.utf8), contentType: "text/csv",
            expected: 200)
        _ = try await server.object("POST", "/v1/campaigns/\(id)/start", key: key, expected: 200)
        return id
    }
}
