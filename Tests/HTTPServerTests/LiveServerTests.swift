import Foundation
import HTTPServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The API on a real listening socket")
struct LiveServerTests {
    @Test("health, an authenticated read and a problem over TCP")
    func live() async throws {
        try await APIHarness.run(.live) { harness, client in
            #expect(client.port != nil)
            let health = try await client.send(.get, "/healthz", as: nil, harness: harness)
            #expect(health.status == .ok && health.json["status"]?.string == "ok")
            let campaign = try await client.send(
                .get, "/v1/campaigns/\(harness.campaignA)", as: "a.viewer", harness: harness)
            #expect(campaign.status == .ok && campaign.json["status"]?.string == "running")
            let missing = try await client.send(.get, "/v1/campaigns/424242", as: "a.viewer", harness: harness)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
        }
    }
}
