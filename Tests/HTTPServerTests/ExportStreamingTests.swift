import CampaignCore
import CampaignStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OutboundApp
import Synchronization
import Testing

@testable import HTTPServer

@Suite("Exports stream in keyset pages: several chunks, every row once, the CLI's bytes, writes meanwhile")
struct ExportStreamingTests {
    /// The chunks a ``ChunkWriter`` was given.
    final class ChunkLog: Sendable {
        let chunks = Mutex<[ByteBuffer]>([])
    }

    /// A writer that keeps each chunk it is given.
    struct ChunkWriter: ResponseBodyWriter {
        let log: ChunkLog

        func write(_ buffer: ByteBuffer) async throws { log.chunks.withLock { $0.append(buffer) } }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    /// The chunks of an export route's body, called as organisation A's viewer.
    static func chunks(
        _ harness: APIHarness, path: String, campaignId: Int64, _ handler: (RouteCall) async throws -> RouteReply
    ) async throws -> [ByteBuffer] {
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: path),
            body: RequestBody(buffer: ByteBuffer()))
        let call = RouteCall(
            request: request, parameters: ["id": Substring("\(campaignId)")],
            principal: AccessPrincipal(orgId: harness.orgA, role: .viewer, keyId: 1), body: nil,
            services: harness.services)
        let reply = try await handler(call)
        let stream = try #require(reply.stream)
        let log = ChunkLog()
        try await stream.write(ChunkWriter(log: log))
        return log.chunks.withLock { $0 }
    }

    @Test("contacts.csv of 5,000 contacts arrives in several chunks, with the same bytes as the CLI's export")
    func contactsStreamInChunks() async throws {
        try await APIHarness.run { harness, client in
            let id = try await APIHarness.campaign(
                in: harness.store, orgId: harness.orgA, name: "Big", leads: 5_000)
            let path = "/v1/campaigns/\(id)/contacts.csv"
            let chunks = try await Self.chunks(harness, path: path, campaignId: id, ExportHandlers.contacts)
            #expect(chunks.count >= 3)
            let http = chunks.map { String(buffer: $0) }.joined()
            var cli = ""
            try await ContactExport(campaignId: id, compliance: harness.services.compliance).run(
                store: harness.store, now: harness.services.clock.now()
            ) { cli += $0 }
            #expect(http == cli)
            #expect(http.split(separator: "\n").count == 5_001)
            let routed = try await client.send(.get, path, as: "a.viewer", harness: harness)
            #expect(routed.status == .ok && routed.text == cli)
        }
    }

    @Test("calls.csv streams the call log with the CLI's bytes; a foreign campaign is 404 before any byte")
    func callsStream() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/campaigns/\(harness.campaignA)/calls.csv"
            let routed = try await client.send(.get, path, as: "a.viewer", harness: harness)
            #expect(routed.status == .ok)
            let cli = try await CallExport.text(store: harness.store, campaignId: harness.campaignA)
            #expect(routed.text == cli)
            #expect(cli.split(separator: "\n").count > 2)
            let foreign = try await client.send(.get, path, as: "b.admin", harness: harness)
            #expect(foreign.status == .notFound)
            #expect(foreign.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("a page boundary in the middle of a campaign yields every row exactly once, whatever the page size")
    func pageBoundaries() async throws {
        try await APIHarness.run { harness, _ in
            let id = try await APIHarness.campaign(in: harness.store, orgId: harness.orgA, name: "Pages", leads: 25)
            var whole = ""
            var export = ContactExport(campaignId: id, compliance: harness.services.compliance)
            export.pageSize = 1_000
            try await export.run(store: harness.store, now: APIHarness.tuesday) { whole += $0 }
            for size in [1, 2, 7, 24, 25, 26] {
                export.pageSize = size
                var paged = ""
                var writes = 0
                try await export.run(store: harness.store, now: APIHarness.tuesday) {
                    paged += $0
                    writes += 1
                }
                #expect(paged == whole, "page size \(size)")
                #expect(writes == 1 + (25 + size - 1) / size, "page size \(size)")
            }
            let calls = try await CallExport.text(store: harness.store, campaignId: harness.campaignA, pageSize: 1_000)
            for size in [1, 3, 5] {
                #expect(
                    try await CallExport.text(store: harness.store, campaignId: harness.campaignA, pageSize: size)
                        == calls)
            }
        }
    }

    @Test("contacts added while an export runs do not break it: every earlier contact comes out exactly once")
    func writeDuringExport() async throws {
        try await APIHarness.run { harness, _ in
            let id = try await APIHarness.campaign(in: harness.store, orgId: harness.orgA, name: "Busy", leads: 20)
            var export = ContactExport(campaignId: id, compliance: harness.services.compliance)
            export.pageSize = 3
            var lines: [Substring] = []
            var added = false
            try await export.run(store: harness.store, now: APIHarness.tuesday) { text in
                lines += text.split(separator: "\n")
                if !added {
                    added = true
                    let more = (0..<5).map { index in
                        NewLead(
                            sourceLine: 100 + index, numbers: ["+1312555\(String(format: "%04d", index))"],
                            timezones: ["America/Chicago"], timezoneSource: "column", variables: [:])
                    }
                    _ = try await harness.store.addLeads(campaignId: id, leads: more, now: APIHarness.tuesday)
                }
            }
            let rows = lines.dropFirst()
            #expect(Set(rows).count == rows.count)
            for index in 0..<20 {
                let number = "+1212555\(String(format: "%04d", index))"
                #expect(rows.filter { $0.contains(number) }.count == 1, "\(number)")
            }
        }
    }
}
